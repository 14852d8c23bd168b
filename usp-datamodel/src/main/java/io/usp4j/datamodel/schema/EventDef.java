package io.usp4j.datamodel.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * The definition of an event ({@code Boot!}) and its arguments. Immutable and thread-safe.
 *
 * @param name the name including {@code !}
 * @param arguments the arguments an Event notification carries
 * @param status the life-cycle status
 * @param versionOrNull the version that introduced the event, or {@code null}
 */
public record EventDef(String name, Arguments arguments, Status status, String versionOrNull) implements ElementDef {

    /**
     * Checks the name and nulls.
     *
     * @throws IllegalArgumentException when the name does not end in {@code !}
     */
    public EventDef {
        Names.requireName(name, "!", "event");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(status, "status");
    }

    /** A current event with the given arguments. */
    public static EventDef of(String name, Arguments arguments) {
        return new EventDef(name, arguments, Status.CURRENT, null);
    }

    @Override
    public Optional<String> version() {
        return Optional.ofNullable(versionOrNull);
    }
}
