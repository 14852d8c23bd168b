package io.usp4j.mtp.mqtt;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The MQTT reconnect wait of TR-369 R-MQTT.10 / R-MQTT.33 with the TR-181 {@code ConnectRetryTime},
 * {@code ConnectRetryIntervalMultiplier} and {@code ConnectRetryMaxInterval}: retry n waits a random time in
 * {@code [T·(k/1000)^(n−1), T·(k/1000)^n]}, n stops growing at 10, and no wait exceeds the maximum.
 * Stateless.
 */
final class MqttRetry {
    /** From the tenth retry on, the interval stops growing. */
    static final int MAX_EXPONENT = 10;

    private MqttRetry() {}

    /**
     * The wait before retry {@code n}.
     *
     * @param n the retry number, from 1
     * @param settings T, k and the maximum
     * @param random the random source
     */
    static Duration wait(int n, MqttSettings settings, RandomGenerator random) {
        int e = Math.min(Math.max(n, 1), MAX_EXPONENT);
        double t = settings.connectRetryTime().toMillis();
        double k = settings.connectRetryIntervalMultiplier() / 1000.0;
        double low = t * Math.pow(k, e - 1);
        double high = t * Math.pow(k, e);
        double max = settings.connectRetryMaxInterval().toMillis();
        double pick = high > low ? low + random.nextDouble() * (high - low) : low;
        return Duration.ofMillis((long) Math.min(pick, max));
    }
}
