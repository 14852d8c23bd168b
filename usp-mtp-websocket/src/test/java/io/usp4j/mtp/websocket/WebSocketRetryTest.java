package io.usp4j.mtp.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** R-WS.19: the retry wait ranges, with the random pick at both ends and in between. */
class WebSocketRetryTest {
    /** A random source that always returns the same double. */
    static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    static long wait(int n, double pick) {
        return WebSocketRetry.wait(n, Duration.ofSeconds(5), 2000, fixed(pick)).toSeconds();
    }

    @Test
    void defaultRangesMatchTheSpecTable() {
        long[][] table = {{5, 10}, {10, 20}, {20, 40}, {40, 80}, {80, 160}, {160, 320}, {320, 640}, {640, 1280},
            {1280, 2560}, {2560, 5120}};
        for (int n = 1; n <= 10; n++) {
            assertThat(wait(n, 0.0)).as("retry %d low", n).isEqualTo(table[n - 1][0]);
            assertThat(wait(n, 0.999999)).as("retry %d high", n).isEqualTo(table[n - 1][1] - 1);
        }
    }

    @Test
    void from10OnTheRangeStopsGrowing() {
        assertThat(wait(11, 0.0)).isEqualTo(2560);
        assertThat(wait(1000, 0.5)).isEqualTo(3840);
    }

    @Test
    void theMultiplierAndMinimumAreHonoured() {
        Duration d = WebSocketRetry.wait(3, Duration.ofSeconds(2), 1500, fixed(0.5));
        // [2·1.5², 2·1.5³] = [4.5, 6.75] s, halfway 5.625 s
        assertThat(d.toMillis()).isEqualTo(5625);
        assertThat(WebSocketRetry.wait(5, Duration.ofSeconds(7), 1000, fixed(0.9)).toSeconds()).isEqualTo(7);
    }

    @Test
    void theRealRandomSourceStaysInRange() {
        RandomGenerator r = RandomGenerator.getDefault();
        for (int i = 0; i < 1000; i++) {
            long ms = WebSocketRetry.wait(2, Duration.ofSeconds(5), 2000, r).toMillis();
            assertThat(ms).isBetween(10_000L, 20_000L);
        }
    }
}
