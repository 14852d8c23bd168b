package io.usp4j.core.path;

/**
 * Which item of a (possibly list-valued) reference parameter to follow: {@code Param+} follows the first,
 * {@code Param#n+} the n-th (1-based), {@code Param#*+} all of them.
 */
public sealed interface ReferenceIndex permits ReferenceIndex.Implicit, ReferenceIndex.Nth, ReferenceIndex.All {

    /** {@code Param+} with no {@code #}: the first item; written back without {@code #}. */
    record Implicit() implements ReferenceIndex {
        /** The one instance. */
        public static final Implicit INSTANCE = new Implicit();
    }

    /**
     * {@code Param#n+}: item n, 1 or more. {@code #1+} means the same item as {@link Implicit} but is kept
     * apart so the path is written back as it was read.
     */
    record Nth(int n) implements ReferenceIndex {
        /** @throws IllegalArgumentException when n is less than 1 */
        public Nth {
            if (n < 1) {
                throw new IllegalArgumentException("list items are numbered from 1: " + n);
            }
        }
    }

    /** {@code Param#*+}: every item. */
    record All() implements ReferenceIndex {
        /** The one instance. */
        public static final All INSTANCE = new All();
    }

    /** The 1-based item to follow, or 0 for {@link All}. */
    default int item() {
        if (this instanceof Nth nth) {
            return nth.n();
        }
        return this instanceof All ? 0 : 1;
    }
}
