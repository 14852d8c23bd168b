package io.usp4j.datamodel.schema;

/**
 * An allowed length range ({@code <size minLength maxLength>}): characters for strings, bytes for
 * base64 and hexBinary (decoded), characters of the whole list for list-valued parameters.
 *
 * @param minLength the shortest allowed length, 0 or more
 * @param maxLength the longest allowed length, or {@link #UNBOUNDED}
 */
public record SizeRange(long minLength, long maxLength) {
    /** The {@code maxLength} of a range with no upper bound. */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException when a bound is negative or min is above max
     */
    public SizeRange {
        if (minLength < 0 || maxLength < 0 || minLength > maxLength) {
            throw new IllegalArgumentException("bad size range [" + minLength + ", " + maxLength + "]");
        }
    }

    /** A range with only an upper bound. */
    public static SizeRange max(long maxLength) {
        return new SizeRange(0, maxLength);
    }

    /** True when the upper bound is finite. */
    public boolean hasMax() {
        return maxLength != UNBOUNDED;
    }

    /** True when {@code length} lies within the range. */
    public boolean contains(long length) {
        return length >= minLength && length <= maxLength;
    }
}
