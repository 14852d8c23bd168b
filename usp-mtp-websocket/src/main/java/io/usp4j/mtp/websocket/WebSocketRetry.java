package io.usp4j.mtp.websocket;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The Agent's WebSocket session retry wait of TR-369 R-WS.19: with the minimum wait m
 * ({@code SessionRetryMinimumWaitInterval}) and the multiplier k ({@code SessionRetryIntervalMultiplier}, in
 * thousandths), retry n waits a random time in {@code [m·(k/1000)^(n−1), m·(k/1000)^n]}, and n stops growing
 * at 10. The count is reset when a session is established (R-WS.20). Stateless.
 */
final class WebSocketRetry {
    /** From the tenth retry on, the interval stops growing. */
    static final int MAX_EXPONENT = 10;

    private WebSocketRetry() {}

    /**
     * The wait before retry {@code n}.
     *
     * @param n the retry number, from 1
     * @param minimumWait m
     * @param multiplier k, in thousandths (1000–65535)
     * @param random the random source
     */
    static Duration wait(int n, Duration minimumWait, int multiplier, RandomGenerator random) {
        int e = Math.min(Math.max(n, 1), MAX_EXPONENT);
        double m = minimumWait.toMillis();
        double k = multiplier / 1000.0;
        double low = m * Math.pow(k, e - 1);
        double high = m * Math.pow(k, e);
        double pick = high > low ? low + random.nextDouble() * (high - low) : low;
        return Duration.ofMillis((long) pick);
    }
}
