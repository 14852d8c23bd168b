package io.usp4j.core.transport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The randomised exponential retry wait that TR-369 uses for notification retries (R-NOT.1/2), WebSocket
 * session retries (R-WS.19), E2E session retries (R-E2E.10/11) and MQTT reconnects (R-MQTT.10/33): with the
 * minimum wait {@code m} and the interval multiplier {@code k} (in thousandths), retry {@code n} waits a random
 * time in {@code [m·(k/1000)^(n−1), m·(k/1000)^n]}; from retry {@link #MAX_EXPONENT} on, n stays at that value.
 * With the defaults (5 s, 2000) the ranges are 5–10 s, 10–20 s, … and 2560–5120 s from the tenth retry on.
 *
 * <p>An optional maximum (MQTT's {@code ConnectRetryMaxInterval}) clips the wait: the random time is drawn
 * over the whole range and then limited to the maximum. No wait is ever longer than {@link #LONGEST}. Waits
 * are whole milliseconds, rounded down.
 *
 * <p>STOMP reconnects use a different formula ({@code [0, I·(k/1000)^(n−1)]}), which this type does not cover.
 *
 * <p>Immutable and thread-safe; the random generator passed to {@link #wait(int, RandomGenerator)} is the
 * caller's business. Build with {@link #of(Duration, int)}, {@link #of(Duration, int, Duration)} or
 * {@link #builder()}.
 */
public final class RetryInterval {
    /** The retry number from which the range stops growing: retry 10 and every later one share a range. */
    public static final int MAX_EXPONENT = 10;
    /** The smallest interval multiplier (1000, i.e. ×1.0), as TR-181 allows. */
    public static final int MIN_MULTIPLIER = 1000;
    /** The largest interval multiplier (65535, i.e. ×65.535), as TR-181 allows. */
    public static final int MAX_MULTIPLIER = 65535;
    /** The TR-181 default minimum wait interval, 5 s (notification, WebSocket and E2E retries; MQTT). */
    public static final Duration DEFAULT_MINIMUM_WAIT = Duration.ofSeconds(5);
    /** The TR-181 default interval multiplier, 2000 (the range doubles with each retry). */
    public static final int DEFAULT_MULTIPLIER = 2000;
    /** Longest wait ever handed out, whatever the settings say: 2^31−1 seconds (about 68 years). */
    public static final Duration LONGEST = Duration.ofSeconds(Integer.MAX_VALUE);

    private static final long LONGEST_MILLIS = LONGEST.toMillis();
    private static final BigDecimal LONGEST_MILLIS_DECIMAL = BigDecimal.valueOf(LONGEST_MILLIS);

    private final Duration minimumWait;
    private final int multiplier;
    private final Duration maximum;
    /** {@code bounds[e]} = m·(k/1000)^e in whole milliseconds (rounded down), at most LONGEST; e = 0..10. */
    private final long[] bounds;
    /** The maximum in whole milliseconds (rounded down), at most LONGEST. */
    private final long capMillis;

    private RetryInterval(Builder b) {
        this.minimumWait = b.minimumWait;
        this.multiplier = b.multiplier;
        this.maximum = b.maximum;
        BigDecimal m = BigDecimal.valueOf(minimumWait.getSeconds()).movePointRight(3)
                .add(BigDecimal.valueOf(minimumWait.getNano()).movePointLeft(6));
        BigDecimal k = BigDecimal.valueOf(multiplier);
        this.bounds = new long[MAX_EXPONENT + 1];
        for (int e = 0; e <= MAX_EXPONENT; e++) {
            BigDecimal exact = m.multiply(k.pow(e)).movePointLeft(3 * e);
            bounds[e] = exact.min(LONGEST_MILLIS_DECIMAL).setScale(0, RoundingMode.FLOOR).longValueExact();
        }
        this.capMillis = maximum == null || maximum.compareTo(LONGEST) > 0 ? LONGEST_MILLIS : maximum.toMillis();
    }

    /**
     * The retry waits for minimum wait {@code m} and multiplier {@code k}, without a maximum.
     *
     * @param minimumWait m, positive
     * @param multiplier k in thousandths, {@value #MIN_MULTIPLIER}–{@value #MAX_MULTIPLIER}
     * @return the retry waits
     * @throws NullPointerException when {@code minimumWait} is null
     * @throws IllegalArgumentException when a value is out of range
     */
    public static RetryInterval of(Duration minimumWait, int multiplier) {
        return builder().minimumWait(minimumWait).multiplier(multiplier).build();
    }

    /**
     * The retry waits for minimum wait {@code m} and multiplier {@code k}, no wait longer than {@code maximum}.
     *
     * @param minimumWait m, positive
     * @param multiplier k in thousandths, {@value #MIN_MULTIPLIER}–{@value #MAX_MULTIPLIER}
     * @param maximum the longest wait, positive
     * @return the retry waits
     * @throws NullPointerException when a duration is null
     * @throws IllegalArgumentException when a value is out of range
     */
    public static RetryInterval of(Duration minimumWait, int multiplier, Duration maximum) {
        return builder().minimumWait(minimumWait).multiplier(multiplier).maximum(maximum).build();
    }

    /**
     * A builder starting from the defaults: 5 s, 2000, no maximum.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this object's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.minimumWait = minimumWait;
        b.multiplier = multiplier;
        b.maximum = maximum;
        return b;
    }

    /** The minimum wait interval m. */
    public Duration minimumWait() {
        return minimumWait;
    }

    /** The interval multiplier k, in thousandths. */
    public int multiplier() {
        return multiplier;
    }

    /** The longest wait, if one was set. */
    public Optional<Duration> maximum() {
        return Optional.ofNullable(maximum);
    }

    /**
     * The shortest wait before retry {@code n}: {@code m·(k/1000)^(min(n,10)−1)}, limited to the maximum and to
     * {@link #LONGEST}, in whole milliseconds rounded down.
     *
     * @param n the retry number, 1 for the first retry
     * @return the shortest wait
     * @throws IllegalArgumentException when {@code n} is below 1
     */
    public Duration lower(int n) {
        return Duration.ofMillis(Math.min(bounds[exponent(n) - 1], capMillis));
    }

    /**
     * The longest wait before retry {@code n}: {@code m·(k/1000)^min(n,10)}, limited to the maximum and to
     * {@link #LONGEST}, in whole milliseconds rounded down.
     *
     * @param n the retry number, 1 for the first retry
     * @return the longest wait
     * @throws IllegalArgumentException when {@code n} is below 1
     */
    public Duration upper(int n) {
        return Duration.ofMillis(Math.min(bounds[exponent(n)], capMillis));
    }

    /**
     * Draws the wait before retry {@code n}: {@code lower + ⌊r·(upper − lower)⌋} milliseconds over the unclipped
     * range, with {@code r} from {@link RandomGenerator#nextDouble()}, then limited to the maximum. The result
     * always lies in {@code [lower(n), upper(n)]}; {@code r = 0} gives {@link #lower(int)} and {@code r} just
     * under 1 gives one millisecond less than the unclipped upper bound.
     *
     * @param n the retry number, 1 for the first retry
     * @param random where the randomness comes from
     * @return the wait, in whole milliseconds
     * @throws NullPointerException when {@code random} is null
     * @throws IllegalArgumentException when {@code n} is below 1
     */
    public Duration wait(int n, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        int e = exponent(n);
        long low = bounds[e - 1];
        long span = bounds[e] - low;
        double r = random.nextDouble();
        long offset = (long) Math.floor(r * span);
        long pick = low + Math.max(0, Math.min(span, offset));
        return Duration.ofMillis(Math.min(pick, capMillis));
    }

    private static int exponent(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("retries are numbered from 1, not " + n);
        }
        return Math.min(n, MAX_EXPONENT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryInterval other && minimumWait.equals(other.minimumWait)
                && multiplier == other.multiplier && Objects.equals(maximum, other.maximum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minimumWait, multiplier, maximum);
    }

    @Override
    public String toString() {
        return "RetryInterval[m=" + minimumWait + ", k=" + multiplier
                + (maximum == null ? "" : ", max=" + maximum) + ", ranges(ms)=" + Arrays.toString(bounds) + "]";
    }

    /** Collects the settings of a {@link RetryInterval}. Not thread-safe; confine to one thread. */
    public static final class Builder {
        private Duration minimumWait = DEFAULT_MINIMUM_WAIT;
        private int multiplier = DEFAULT_MULTIPLIER;
        private Duration maximum;

        private Builder() {}

        /**
         * The minimum wait interval m (default 5 s).
         *
         * @param minimumWait m, positive
         * @return this builder
         * @throws NullPointerException when {@code minimumWait} is null
         * @throws IllegalArgumentException when it is zero or negative
         */
        public Builder minimumWait(Duration minimumWait) {
            Objects.requireNonNull(minimumWait, "minimumWait");
            if (minimumWait.isNegative() || minimumWait.isZero()) {
                throw new IllegalArgumentException("the minimum wait must be positive: " + minimumWait);
            }
            this.minimumWait = minimumWait;
            return this;
        }

        /**
         * The interval multiplier k, in thousandths (default 2000).
         *
         * @param multiplier k, {@value RetryInterval#MIN_MULTIPLIER}–{@value RetryInterval#MAX_MULTIPLIER}
         * @return this builder
         * @throws IllegalArgumentException when it is out of that range
         */
        public Builder multiplier(int multiplier) {
            if (multiplier < MIN_MULTIPLIER || multiplier > MAX_MULTIPLIER) {
                throw new IllegalArgumentException("the interval multiplier must be " + MIN_MULTIPLIER + "-"
                        + MAX_MULTIPLIER + ": " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /**
         * The longest wait (default none).
         *
         * @param maximum the longest wait, positive
         * @return this builder
         * @throws NullPointerException when {@code maximum} is null
         * @throws IllegalArgumentException when it is zero or negative
         */
        public Builder maximum(Duration maximum) {
            Objects.requireNonNull(maximum, "maximum");
            if (maximum.isNegative() || maximum.isZero()) {
                throw new IllegalArgumentException("the maximum wait must be positive: " + maximum);
            }
            this.maximum = maximum;
            return this;
        }

        /**
         * Removes the maximum: only {@link RetryInterval#LONGEST} limits the wait.
         *
         * @return this builder
         */
        public Builder noMaximum() {
            this.maximum = null;
            return this;
        }

        /**
         * The retry waits with these settings.
         *
         * @return a new, immutable {@link RetryInterval}
         */
        public RetryInterval build() {
            return new RetryInterval(this);
        }
    }
}
