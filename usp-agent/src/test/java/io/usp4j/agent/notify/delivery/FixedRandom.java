package io.usp4j.agent.notify.delivery;

import java.util.random.RandomGenerator;

/** Random sources that always draw the same value, to put retry waits at a known point of their range. */
final class FixedRandom {
    private FixedRandom() {}

    /** A generator whose nextDouble() is always {@code f} (0 ≤ f &lt; 1). */
    static RandomGenerator fraction(double f) {
        long bits = (long) (f * (1L << 53)) << 11;
        return () -> bits;
    }
}
