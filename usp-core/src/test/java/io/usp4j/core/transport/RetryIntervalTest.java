package io.usp4j.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The TR-369 retry wait (R-NOT.1/2, R-WS.19, R-MQTT.10/33): ranges, the cap at 10, the maximum, the draw. */
class RetryIntervalTest {

    /** A generator whose nextDouble() is always {@code f} (0 ≤ f &lt; 1). */
    static RandomGenerator fraction(double f) {
        long bits = (long) (f * (1L << 53)) << 11;
        return () -> bits;
    }

    /** The largest double below 1: what nextDouble() returns at most. */
    private static final double ALMOST_ONE = Math.nextDown(1.0);

    private static final RetryInterval DEFAULTS = RetryInterval.of(Duration.ofSeconds(5), 2000);

    @Test
    void defaultRangesAreTheSpecTable() {
        // TR-369 R-WS.19 / notification retry table: #1 5-10, #2 10-20, ... #10 and subsequent 2560-5120 s.
        long[][] table = {{5, 10}, {10, 20}, {20, 40}, {40, 80}, {80, 160}, {160, 320}, {320, 640}, {640, 1280},
            {1280, 2560}, {2560, 5120}, {2560, 5120}, {2560, 5120}};
        for (int n = 1; n <= table.length; n++) {
            assertThat(DEFAULTS.lower(n)).as("lower %d", n).isEqualTo(Duration.ofSeconds(table[n - 1][0]));
            assertThat(DEFAULTS.upper(n)).as("upper %d", n).isEqualTo(Duration.ofSeconds(table[n - 1][1]));
        }
        assertThat(DEFAULTS.lower(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(DEFAULTS.upper(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5120));
        assertThat(RetryInterval.builder().build()).isEqualTo(DEFAULTS);
    }

    @Test
    void theDrawAtZeroIsTheLowerBoundAndJustUnderOneIsAMillisecondShortOfTheUpper() {
        for (int n = 1; n <= 12; n++) {
            assertThat(DEFAULTS.wait(n, fraction(0))).as("retry %d at 0", n).isEqualTo(DEFAULTS.lower(n));
            assertThat(DEFAULTS.wait(n, fraction(ALMOST_ONE))).as("retry %d at ~1", n)
                    .isEqualTo(DEFAULTS.upper(n).minusMillis(1));
        }
        assertThat(DEFAULTS.wait(1, fraction(0.5))).isEqualTo(Duration.ofMillis(7500));
        assertThat(DEFAULTS.wait(2, fraction(0.25))).isEqualTo(Duration.ofMillis(12500));
        assertThat(DEFAULTS.wait(11, fraction(0.5))).isEqualTo(Duration.ofSeconds(3840));
        assertThat(DEFAULTS.wait(1000, fraction(0.5))).isEqualTo(Duration.ofSeconds(3840));
    }

    @Test
    void otherMinimumsAndMultipliers() {
        RetryInterval r = RetryInterval.of(Duration.ofSeconds(2), 3000);
        assertThat(r.lower(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.upper(1)).isEqualTo(Duration.ofSeconds(6));
        assertThat(r.lower(2)).isEqualTo(Duration.ofSeconds(6));
        assertThat(r.upper(2)).isEqualTo(Duration.ofSeconds(18));
        // [2·1.5², 2·1.5³] = [4.5, 6.75] s, halfway 5.625 s.
        assertThat(RetryInterval.of(Duration.ofSeconds(2), 1500).wait(3, fraction(0.5))).isEqualTo(Duration.ofMillis(5625));
        // k = 1000: the range is the single point m.
        RetryInterval flat = RetryInterval.of(Duration.ofSeconds(7), 1000);
        assertThat(flat.lower(3)).isEqualTo(Duration.ofSeconds(7));
        assertThat(flat.upper(3)).isEqualTo(Duration.ofSeconds(7));
        assertThat(flat.wait(5, fraction(0.9))).isEqualTo(Duration.ofSeconds(7));
        // Bounds are exact, then rounded down to the millisecond: 5·1.1 = 5.5 s; 5·1.1² = 6.05 s; 5·1.5^10 =
        // 288.3251953125 s.
        RetryInterval tenth = RetryInterval.of(Duration.ofSeconds(5), 1100);
        assertThat(tenth.upper(1)).isEqualTo(Duration.ofMillis(5500));
        assertThat(tenth.upper(2)).isEqualTo(Duration.ofMillis(6050));
        assertThat(RetryInterval.of(Duration.ofSeconds(5), 1500).upper(10)).isEqualTo(Duration.ofMillis(288_325));
        // Sub-second minimums (tests use them).
        RetryInterval fast = RetryInterval.of(Duration.ofMillis(100), 2000);
        assertThat(fast.lower(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(fast.upper(3)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void theMaximumClipsTheWait() {
        RetryInterval mqtt = RetryInterval.of(Duration.ofSeconds(5), 2000, Duration.ofSeconds(60));
        assertThat(mqtt.maximum()).contains(Duration.ofSeconds(60));
        // Retry 4: [40, 80] s, clipped to [40, 60]; the draw is over [40, 80] and then limited.
        assertThat(mqtt.lower(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(mqtt.upper(4)).isEqualTo(Duration.ofSeconds(60));
        assertThat(mqtt.wait(4, fraction(0.25))).isEqualTo(Duration.ofSeconds(50));
        assertThat(mqtt.wait(4, fraction(0.75))).isEqualTo(Duration.ofSeconds(60));
        // Retry 9 and later: the whole range lies above the maximum.
        assertThat(mqtt.lower(9)).isEqualTo(Duration.ofSeconds(60));
        assertThat(mqtt.wait(9, fraction(0))).isEqualTo(Duration.ofSeconds(60));
        assertThat(mqtt.wait(20, fraction(ALMOST_ONE))).isEqualTo(Duration.ofSeconds(60));
        // The TR-181 default maximum (30720 s) is above the top range with the defaults: no effect.
        RetryInterval dflt = DEFAULTS.toBuilder().maximum(Duration.ofSeconds(30720)).build();
        assertThat(dflt.upper(10)).isEqualTo(Duration.ofSeconds(5120));
        assertThat(dflt.toBuilder().noMaximum().build()).isEqualTo(DEFAULTS).hasSameHashCodeAs(DEFAULTS);
        assertThat(DEFAULTS.maximum()).isEmpty();
    }

    @Test
    void hugeSettingsAreClampedToTheLongestWait() {
        RetryInterval huge = RetryInterval.of(Duration.ofSeconds(65535), 65535);
        assertThat(huge.wait(10, fraction(0.5))).isEqualTo(RetryInterval.LONGEST);
        assertThat(huge.upper(10)).isEqualTo(RetryInterval.LONGEST);
        assertThat(huge.lower(1)).isEqualTo(Duration.ofSeconds(65535));
        assertThat(RetryInterval.of(Duration.ofDays(365L * 1000), 2000, Duration.ofDays(365L * 2000)).wait(1, fraction(0)))
                .isEqualTo(RetryInterval.LONGEST);
    }

    @Test
    void randomWaitsStayInTheirRangeAndSpreadOverIt() {
        Random r = new Random(7);
        for (int n = 1; n <= 12; n++) {
            long lo = DEFAULTS.lower(n).toMillis();
            long hi = DEFAULTS.upper(n).toMillis();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 2000; i++) {
                long ms = DEFAULTS.wait(n, r).toMillis();
                assertThat(ms).as("retry %d", n).isBetween(lo, hi);
                min = Math.min(min, ms);
                max = Math.max(max, ms);
                seen.add(ms);
            }
            // Uniform over the range: 2000 draws come near both ends and rarely repeat.
            assertThat(min - lo).as("retry %d lowest", n).isLessThan((hi - lo) / 50);
            assertThat(hi - max).as("retry %d highest", n).isLessThan((hi - lo) / 50);
            assertThat(seen).as("retry %d distinct", n).hasSizeGreaterThan(1500);
        }
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> DEFAULTS.lower(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.upper(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.wait(0, fraction(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.wait(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RetryInterval.of(Duration.ZERO, 2000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryInterval.of(Duration.ofSeconds(-1), 2000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryInterval.of(Duration.ofSeconds(5), 999)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryInterval.of(Duration.ofSeconds(5), 65536))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryInterval.of(Duration.ofSeconds(5), 2000, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryInterval.of(null, 2000)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RetryInterval.builder().maximum(null)).isInstanceOf(NullPointerException.class);
        assertThat(RetryInterval.of(Duration.ofSeconds(5), 1000).multiplier()).isEqualTo(1000);
        assertThat(RetryInterval.of(Duration.ofSeconds(5), 65535).multiplier()).isEqualTo(65535);
    }
}
