package io.usp4j.datamodel.schema;

import java.util.List;

/**
 * Marks a parameter as a comma-separated list of items of its base type ({@code <list>}); the item
 * constraints are those of the enclosing {@link Syntax}.
 *
 * @param minItems the fewest items allowed
 * @param maxItems the most items allowed, or {@link SizeRange#UNBOUNDED}
 * @param sizes allowed lengths of the whole list string (empty: no limit)
 * @param nestedBrackets whether items may hold bracketed sub-lists ({@code nestedBrackets} attribute)
 */
public record ListFacet(long minItems, long maxItems, List<SizeRange> sizes, boolean nestedBrackets) {
    /** A list with no limits. */
    public static final ListFacet UNBOUNDED = new ListFacet(0, SizeRange.UNBOUNDED, List.of(), false);

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
    }

    /** The most characters the whole list may have, or {@link SizeRange#UNBOUNDED}. */
    public long maxLength() {
        return sizes.stream().mapToLong(SizeRange::maxLength).max().orElse(SizeRange.UNBOUNDED);
    }
}
