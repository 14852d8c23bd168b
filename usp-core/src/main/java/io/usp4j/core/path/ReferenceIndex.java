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

    /** {@code Param#n+}: item n, 1 or more. */
    record Nth(int n) implements ReferenceIndex {}

    /** {@code Param#*+}: every item. */
    record All() implements ReferenceIndex {
        /** The one instance. */
        public static final All INSTANCE = new All();
    }
}
