package io.usp4j.agent.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The R-NOT.1 / R-NOT.2 retry waits. */
class RetryBackoffTest {

    /** A generator whose nextDouble() is always {@code f}. */
    static RandomGenerator fraction(double f) {
        long bits = (long) (f * (1L << 53)) << 11;
        return () -> bits;
    }

    @Test
    void defaultWindowsAreTheSpecTable() {
        // TR-369 "Responses to Notifications and Notification Retry": #1 5-10, #2 10-20, ... #10 and later 2560-5120.
        double[][] table = {{5, 10}, {10, 20}, {20, 40}, {40, 80}, {80, 160}, {160, 320}, {320, 640}, {640, 1280},
                {1280, 2560}, {2560, 5120}, {2560, 5120}, {2560, 5120}};
        for (int n = 1; n <= table.length; n++) {
            assertThat(RetryBackoff.lowerSeconds(n, 5, 2000)).as("lower %d", n).isEqualTo(table[n - 1][0]);
            assertThat(RetryBackoff.upperSeconds(n, 5, 2000)).as("upper %d", n).isEqualTo(table[n - 1][1]);
        }
    }

    @Test
    void otherMinimumAndMultiplier() {
        assertThat(RetryBackoff.lowerSeconds(1, 2, 3000)).isEqualTo(2);
        assertThat(RetryBackoff.upperSeconds(1, 2, 3000)).isEqualTo(6);
        assertThat(RetryBackoff.lowerSeconds(2, 2, 3000)).isEqualTo(6);
        assertThat(RetryBackoff.upperSeconds(2, 2, 3000)).isEqualTo(18);
        assertThat(RetryBackoff.lowerSeconds(3, 7, 1000)).isEqualTo(7);
        assertThat(RetryBackoff.upperSeconds(3, 7, 1000)).isEqualTo(7);
        assertThat(RetryBackoff.upperSeconds(1, 10, 1500)).isEqualTo(15);
    }

    @Test
    void waitIsLowerPlusFractionOfTheWindow() {
        assertThat(RetryBackoff.wait(1, 5, 2000, fraction(0))).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryBackoff.wait(1, 5, 2000, fraction(0.5))).isEqualTo(Duration.ofMillis(7500));
        assertThat(RetryBackoff.wait(2, 5, 2000, fraction(0.25))).isEqualTo(Duration.ofMillis(12500));
        assertThat(RetryBackoff.wait(11, 5, 2000, fraction(0.5))).isEqualTo(Duration.ofSeconds(3840));
    }

    @Test
    void randomWaitsStayInTheirWindowAndSpreadOverIt() {
        Random r = new Random(7);
        for (int n = 1; n <= 12; n++) {
            long lo = Math.round(RetryBackoff.lowerSeconds(n, 5, 2000) * 1000);
            long hi = Math.round(RetryBackoff.upperSeconds(n, 5, 2000) * 1000);
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < 2000; i++) {
                long ms = RetryBackoff.wait(n, 5, 2000, r).toMillis();
                assertThat(ms).isBetween(lo, hi);
                min = Math.min(min, ms);
                max = Math.max(max, ms);
            }
            // Uniform over the window: 2000 draws come near both ends.
            assertThat(min - lo).as("retry %d lowest", n).isLessThan((hi - lo) / 50);
            assertThat(hi - max).as("retry %d highest", n).isLessThan((hi - lo) / 50);
        }
    }

    @Test
    void hugeSettingsAreClamped() {
        assertThat(RetryBackoff.wait(10, 65535, 65535, fraction(0.5))).isEqualTo(RetryBackoff.LONGEST);
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> RetryBackoff.lowerSeconds(0, 5, 2000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryBackoff.upperSeconds(1, 0, 2000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryBackoff.wait(1, 5, 999, fraction(0))).isInstanceOf(IllegalArgumentException.class);
    }
}
