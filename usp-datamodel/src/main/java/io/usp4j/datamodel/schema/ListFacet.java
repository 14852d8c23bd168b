package io.usp4j.datamodel.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Marks a parameter as a comma-separated list of items of its base type ({@code <list>}); the item
 * constraints are those of the enclosing {@link Syntax}.
 *
 * @param minItems the fewest items allowed
 * @param maxItems the most items allowed, or {@link SizeRange#UNBOUNDED}
 * @param sizes allowed lengths of the whole list string (empty: no limit)
 * @param nestedBrackets whether items are bracketed sub-lists ({@code [a,b],[c]}; {@code nestedBrackets} attribute)
 */
public record ListFacet(long minItems, long maxItems, List<SizeRange> sizes, NestedBrackets nestedBrackets) {
    /** A list with no limits. */
    public static final ListFacet UNBOUNDED = new ListFacet(0, SizeRange.UNBOUNDED, List.of(), NestedBrackets.LEGAL);

    /**
     * Checks the bounds and copies the size list.
     *
     * @throws IllegalArgumentException when an item bound is negative or min is above max
     */
    public ListFacet {
        if (minItems < 0 || maxItems < minItems) {
            throw new IllegalArgumentException("bad list item range [" + minItems + ", " + maxItems + "]");
        }
        sizes = List.copyOf(sizes);
        Objects.requireNonNull(nestedBrackets, "nestedBrackets");
    }

    /** Whether list items are themselves lists enclosed in square brackets. */
    public enum NestedBrackets {
        /** The TR-106 default: items are plain values, not bracketed lists. */
        LEGAL("legal"),
        /** Items may be bracketed sub-lists. */
        PERMITTED("permitted"),
        /** Every item is a bracketed sub-list. */
        REQUIRED("required");

        private final String xmlName;

        NestedBrackets(String xmlName) {
            this.xmlName = xmlName;
        }

        /** The value of the {@code nestedBrackets} attribute. */
        public String xmlName() {
            return xmlName;
        }

        /**
         * Looks a value up by its attribute value.
         *
         * @return the value, or empty when unknown
         */
        public static Optional<NestedBrackets> ofXmlName(String name) {
            for (NestedBrackets n : values()) {
                if (n.xmlName.equals(name)) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }
    }

    /** The most characters the whole list may have, or {@link SizeRange#UNBOUNDED}. */
    public long maxLength() {
        return sizes.stream().mapToLong(SizeRange::maxLength).max().orElse(SizeRange.UNBOUNDED);
    }
}
