package io.usp4j.datamodel.schema;

import io.usp4j.core.value.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The type of a parameter or argument and the constraints on its value: the TR-106 base type, the named
 * data type it came from, the list facet, numeric ranges, sizes, enumerations, patterns, path references,
 * units, default, and the secured/hidden flags.
 *
 * <p>Constraints on a list-valued parameter ({@link #list()} present) apply to each item, except
 * {@link ListFacet#sizes()}, which bound the whole list string.
 *
 * <p>Immutable and compared by value, so equal syntaxes can be shared between parameters. Thread-safe.
 */
public final class Syntax {
    private final ValueType type;
    private final String dataType;
    private final ListFacet list;
    private final List<NumericRange> ranges;
    private final List<SizeRange> sizes;
    private final List<EnumerationValue> enumerations;
    private final List<String> patterns;
    private final PathReference reference;
    private final EnumerationReference enumerationReference;
    private final String units;
    private final DefaultValue defaultValue;
    private final boolean secured;
    private final boolean hidden;
    private final int hash;

    private Syntax(Builder b) {
        this.type = b.type;
        this.dataType = b.dataType;
        this.list = b.list;
        this.ranges = List.copyOf(b.ranges);
        this.sizes = List.copyOf(b.sizes);
        this.enumerations = List.copyOf(b.enumerations);
        this.patterns = List.copyOf(b.patterns);
        this.reference = b.reference;
        this.enumerationReference = b.enumerationReference;
        this.units = b.units;
        this.defaultValue = b.defaultValue;
        this.secured = b.secured;
        this.hidden = b.hidden;
        this.hash = Objects.hash(type, dataType, list, ranges, sizes, enumerations, patterns, reference,
                enumerationReference, units, defaultValue, secured, hidden);
    }

    /** A syntax of the given base type with no constraints. */
    public static Syntax of(ValueType type) {
        return builder(type).build();
    }

    /** Starts a syntax of the given base type. */
    public static Builder builder(ValueType type) {
        return new Builder(type);
    }

    /** A builder holding this syntax's settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.dataType = dataType;
        b.list = list;
        b.ranges.addAll(ranges);
        b.sizes.addAll(sizes);
        b.enumerations.addAll(enumerations);
        b.patterns.addAll(patterns);
        b.reference = reference;
        b.enumerationReference = enumerationReference;
        b.units = units;
        b.defaultValue = defaultValue;
        b.secured = secured;
        b.hidden = hidden;
        return b;
    }

    /** The TR-106 base type (of each item, for lists). */
    public ValueType type() {
        return type;
    }

    /** The named data type ({@code IPAddress}, {@code Alias}, ...) the syntax was derived from, if any. */
    public Optional<String> dataType() {
        return Optional.ofNullable(dataType);
    }

    /** The list facet when the value is a comma-separated list. */
    public Optional<ListFacet> list() {
        return Optional.ofNullable(list);
    }

    /** True when the value is a comma-separated list. */
    public boolean isList() {
        return list != null;
    }

    /** Allowed numeric ranges (a value must be in one of them); empty when the whole type range is allowed. */
    public List<NumericRange> ranges() {
        return ranges;
    }

    /** Allowed lengths (a value must fit one of them); empty when unlimited. */
    public List<SizeRange> sizes() {
        return sizes;
    }

    /** The largest length any size range allows, if limited. */
    public OptionalLong maxLength() {
        long max = -1;
        for (SizeRange s : sizes) {
            if (!s.hasMax()) {
                return OptionalLong.empty();
            }
            max = Math.max(max, s.maxLength());
        }
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }

    /** Allowed values in document order; empty when not enumerated. */
    public List<EnumerationValue> enumerations() {
        return enumerations;
    }

    /** Regular expressions (XML Schema flavour) of which a value must match one; empty when unrestricted. */
    public List<String> patterns() {
        return patterns;
    }

    /** The path or instance reference the value holds, if it is one. */
    public Optional<PathReference> reference() {
        return Optional.ofNullable(reference);
    }

    /** The parameter whose values are this one's allowed values, if any. */
    public Optional<EnumerationReference> enumerationReference() {
        return Optional.ofNullable(enumerationReference);
    }

    /** The units of the value ({@code seconds}, {@code bytes}, ...), if given. */
    public Optional<String> units() {
        return Optional.ofNullable(units);
    }

    /** The default value, if any. */
    public Optional<DefaultValue> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** True when the value is sensitive (e.g. a password): reads return an empty string. */
    public boolean secured() {
        return secured;
    }

    /** True when reads return an empty string ({@code hidden="true"}, an older form of secured). */
    public boolean hidden() {
        return hidden;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Syntax s
                && hash == s.hash
                && type == s.type
                && secured == s.secured
                && hidden == s.hidden
                && Objects.equals(dataType, s.dataType)
                && Objects.equals(list, s.list)
                && ranges.equals(s.ranges)
                && sizes.equals(s.sizes)
                && enumerations.equals(s.enumerations)
                && patterns.equals(s.patterns)
                && Objects.equals(reference, s.reference)
                && Objects.equals(enumerationReference, s.enumerationReference)
                && Objects.equals(units, s.units)
                && Objects.equals(defaultValue, s.defaultValue);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(isList() ? "list of " : "").append(type.xmlName());
        if (dataType != null) {
            sb.append(" (").append(dataType).append(')');
        }
        if (!ranges.isEmpty()) {
            sb.append(" ranges=").append(ranges);
        }
        if (!sizes.isEmpty()) {
            sb.append(" sizes=").append(sizes);
        }
        if (!enumerations.isEmpty()) {
            sb.append(" enumerations=").append(enumerations.size());
        }
        if (reference != null) {
            sb.append(" reference=").append(reference);
        }
        return sb.toString();
    }

    /** Collects the settings of a {@link Syntax}. Not thread-safe. */
    public static final class Builder {
        private ValueType type;
        private String dataType;
        private ListFacet list;
        private final List<NumericRange> ranges = new ArrayList<>();
        private final List<SizeRange> sizes = new ArrayList<>();
        private final List<EnumerationValue> enumerations = new ArrayList<>();
        private final List<String> patterns = new ArrayList<>();
        private PathReference reference;
        private EnumerationReference enumerationReference;
        private String units;
        private DefaultValue defaultValue;
        private boolean secured;
        private boolean hidden;

        private Builder(ValueType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Sets the base type. */
        public Builder type(ValueType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Sets the named data type, or clears it with {@code null}. */
        public Builder dataType(String name) {
            this.dataType = name;
            return this;
        }

        /** Makes the value a list, or a single value with {@code null}. */
        public Builder list(ListFacet list) {
            this.list = list;
            return this;
        }

        /** Adds an allowed range. */
        public Builder range(NumericRange range) {
            ranges.add(Objects.requireNonNull(range, "range"));
            return this;
        }

        /** Replaces the allowed ranges. */
        public Builder ranges(List<NumericRange> ranges) {
            this.ranges.clear();
            this.ranges.addAll(ranges);
            return this;
        }

        /** Adds an allowed size. */
        public Builder size(SizeRange size) {
            sizes.add(Objects.requireNonNull(size, "size"));
            return this;
        }

        /** Shorthand for {@code size(SizeRange.max(maxLength))}. */
        public Builder maxLength(long maxLength) {
            return size(SizeRange.max(maxLength));
        }

        /** Replaces the allowed sizes. */
        public Builder sizes(List<SizeRange> sizes) {
            this.sizes.clear();
            this.sizes.addAll(sizes);
            return this;
        }

        /** Adds an allowed value. */
        public Builder enumeration(EnumerationValue value) {
            enumerations.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds current, mandatory allowed values. */
        public Builder enumeration(String... values) {
            for (String v : values) {
                enumeration(EnumerationValue.of(v));
            }
            return this;
        }

        /** Replaces the allowed values. */
        public Builder enumerations(List<EnumerationValue> values) {
            enumerations.clear();
            enumerations.addAll(values);
            return this;
        }

        /** Adds a pattern. */
        public Builder pattern(String regex) {
            patterns.add(Objects.requireNonNull(regex, "regex"));
            return this;
        }

        /** Replaces the patterns. */
        public Builder patterns(List<String> patterns) {
            this.patterns.clear();
            this.patterns.addAll(patterns);
            return this;
        }

        /** Sets the path reference, or clears it with {@code null}. */
        public Builder reference(PathReference reference) {
            this.reference = reference;
            return this;
        }

        /** Sets the enumeration reference, or clears it with {@code null}. */
        public Builder enumerationReference(EnumerationReference reference) {
            this.enumerationReference = reference;
            return this;
        }

        /** Sets the units, or clears them with {@code null}. */
        public Builder units(String units) {
            this.units = units;
            return this;
        }

        /** Sets the default, or clears it with {@code null}. */
        public Builder defaultValue(DefaultValue value) {
            this.defaultValue = value;
            return this;
        }

        /** Marks the value as secured. */
        public Builder secured(boolean secured) {
            this.secured = secured;
            return this;
        }

        /** Marks the value as hidden. */
        public Builder hidden(boolean hidden) {
            this.hidden = hidden;
            return this;
        }

        /** Builds the syntax. */
        public Syntax build() {
            return new Syntax(this);
        }
    }
}
