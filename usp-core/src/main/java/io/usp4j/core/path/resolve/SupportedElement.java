package io.usp4j.core.path.resolve;

import io.usp4j.core.value.ValueType;
import java.util.Objects;

/** One child element of a {@link SupportedObject}: the Supported Data Model's answer to "what is X here?". */
public sealed interface SupportedElement
        permits SupportedElement.ChildObject,
                SupportedElement.Parameter,
                SupportedElement.Command,
                SupportedElement.Event {

    /**
     * A sub-object.
     *
     * @param object what the sub-object (for a table: each of its rows) contains
     * @param table true for a multi-instance object (a table), addressed by instance number, unique key,
     *     search expression or {@code *}
     */
    record ChildObject(SupportedObject object, boolean table) implements SupportedElement {
        public ChildObject {
            Objects.requireNonNull(object, "object");
        }
    }

    /**
     * A parameter.
     *
     * @param type the base type of the value (for a list: of each item)
     * @param list true when the value is a TR-106 comma-separated list of {@code type}
     * @param reference true when the value holds path names of objects (TR-106 {@code pathRef}); such a
     *     parameter can be followed with {@code +}
     */
    record Parameter(ValueType type, boolean list, boolean reference) implements SupportedElement {
        public Parameter {
            Objects.requireNonNull(type, "type");
        }
    }

    /** A command ({@code Name()}). */
    record Command() implements SupportedElement {
        /** The one instance. */
        public static final Command INSTANCE = new Command();
    }

    /** An event ({@code Name!}). */
    record Event() implements SupportedElement {
        /** The one instance. */
        public static final Event INSTANCE = new Event();
    }
}
