package io.usp4j.agent.notify.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The wait before the n-th retry of a notification (TR-369 "Responses to Notifications and Notification
 * Retry", R-NOT.1, R-NOT.2): a random time in {@code [m·(k/1000)^(n−1), m·(k/1000)^n]} seconds, where
 * {@code m} is the minimum wait interval ({@code Controller.{i}.USPNotifRetryMinimumWaitInterval}, default 5)
 * and {@code k} the interval multiplier ({@code USPNotifRetryIntervalMultiplier}, default 2000); from the
 * tenth retry on, n stays 10. The same formula serves E2E session retries and WebSocket reconnects; STOMP and
 * MQTT reconnects use different ones.
 *
 * <p>Stateless and thread-safe (the random generator passed in is the caller's business).
 */
public final class RetryBackoff {
    /** Default minimum wait interval, in seconds. */
    public static final long DEFAULT_MINIMUM_WAIT_SECONDS = 5;
    /** Default interval multiplier, in thousandths. */
    public static final long DEFAULT_MULTIPLIER = 2000;
    /** The retry number from which the range stops growing (R-NOT.2). */
    public static final int CAP = 10;
    /** Longest wait handed out, whatever m and k say: 2^31−1 seconds (about 68 years). */
    public static final Duration LONGEST = Duration.ofSeconds(Integer.MAX_VALUE);

    private RetryBackoff() {}

    /**
     * The shortest wait before retry {@code n}, in seconds.
     *
     * @param n the retry number, 1 for the first retry
     * @param minimumWaitSeconds m, at least 1
     * @param multiplier k in thousandths, at least 1000
     * @throws IllegalArgumentException when an argument is out of range
     */
    public static double lowerSeconds(int n, long minimumWaitSeconds, long multiplier) {
        check(n, minimumWaitSeconds, multiplier);
        return minimumWaitSeconds * Math.pow(multiplier / 1000.0, Math.min(n, CAP) - 1);
    }

    /**
     * The longest wait before retry {@code n}, in seconds.
     *
     * @throws IllegalArgumentException when an argument is out of range
     * @see #lowerSeconds
     */
    public static double upperSeconds(int n, long minimumWaitSeconds, long multiplier) {
        check(n, minimumWaitSeconds, multiplier);
        return minimumWaitSeconds * Math.pow(multiplier / 1000.0, Math.min(n, CAP));
    }

    /**
     * Draws the wait before retry {@code n}: {@code lower + r·(upper − lower)} with {@code r} from
     * {@link RandomGenerator#nextDouble()}, to the millisecond, at most {@link #LONGEST}.
     *
     * @param n the retry number, 1 for the first retry
     * @param minimumWaitSeconds m, at least 1
     * @param multiplier k in thousandths, at least 1000
     * @param random where the randomness comes from
     * @throws IllegalArgumentException when an argument is out of range
     */
    public static Duration wait(int n, long minimumWaitSeconds, long multiplier, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        double lower = lowerSeconds(n, minimumWaitSeconds, multiplier);
        double upper = upperSeconds(n, minimumWaitSeconds, multiplier);
        double seconds = lower + random.nextDouble() * (upper - lower);
        if (!(seconds < LONGEST.getSeconds())) {
            return LONGEST;
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static void check(int n, long m, long k) {
        if (n < 1) {
            throw new IllegalArgumentException("retries are numbered from 1, not " + n);
        }
        if (m < 1) {
            throw new IllegalArgumentException("the minimum wait interval is at least 1 s, not " + m);
        }
        if (k < 1000) {
            throw new IllegalArgumentException("the interval multiplier is at least 1000, not " + k);
        }
    }
}
