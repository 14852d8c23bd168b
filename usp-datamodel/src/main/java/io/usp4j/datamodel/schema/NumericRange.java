package io.usp4j.datamodel.schema;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One allowed range of a numeric value ({@code <range minInclusive maxInclusive step>}). A parameter may
 * have several; a value is valid when it falls in any of them.
 *
 * @param minInclusive the lowest allowed value, or {@code null} when unbounded below
 * @param maxInclusive the highest allowed value, or {@code null} when unbounded above
 * @param step the required distance from {@code minInclusive} (or from 0 when there is no minimum), or
 *     {@code null} for any value
 */
public record NumericRange(BigDecimal minInclusive, BigDecimal maxInclusive, BigDecimal step) {

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException when min is above max or step is not positive
     */
    public NumericRange {
        if (minInclusive != null && maxInclusive != null && minInclusive.compareTo(maxInclusive) > 0) {
            throw new IllegalArgumentException("range minimum " + minInclusive + " above maximum " + maxInclusive);
        }
        if (step != null && step.signum() <= 0) {
            throw new IllegalArgumentException("range step must be positive: " + step);
        }
    }

    /** A range between two integers, either bound {@code null} for unbounded. */
    public static NumericRange of(Long min, Long max) {
        return new NumericRange(
                min == null ? null : BigDecimal.valueOf(min), max == null ? null : BigDecimal.valueOf(max), null);
    }

    /** The minimum, if bounded. */
    public Optional<BigDecimal> min() {
        return Optional.ofNullable(minInclusive);
    }

    /** The maximum, if bounded. */
    public Optional<BigDecimal> max() {
        return Optional.ofNullable(maxInclusive);
    }

    /** True when {@code value} lies within the bounds and on the step. */
    public boolean contains(BigDecimal value) {
        if (minInclusive != null && value.compareTo(minInclusive) < 0) {
            return false;
        }
        if (maxInclusive != null && value.compareTo(maxInclusive) > 0) {
            return false;
        }
        if (step != null) {
            BigDecimal origin = minInclusive == null ? BigDecimal.ZERO : minInclusive;
            return value.subtract(origin).remainder(step).signum() == 0;
        }
        return true;
    }
}
