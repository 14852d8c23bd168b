package io.usp4j.datamodel.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * The definition of a command ({@code Reboot()}): whether it runs asynchronously, and its input and output
 * arguments. Immutable and thread-safe.
 *
 * @param name the name including {@code ()}
 * @param async true when the command completes later (OperationComplete), false when Operate answers
 * @param input the input arguments
 * @param output the output arguments
 * @param status the life-cycle status
 * @param versionOrNull the version that introduced the command, or {@code null}
 */
public record CommandDef(
        String name, boolean async, Arguments input, Arguments output, Status status, String versionOrNull)
        implements ElementDef {

    /**
     * Checks the name and nulls.
     *
     * @throws IllegalArgumentException when the name does not end in {@code ()}
     */
    public CommandDef {
        Names.requireName(name, "()", "command");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(status, "status");
    }

    /** A current synchronous command. */
    public static CommandDef sync(String name, Arguments input, Arguments output) {
        return new CommandDef(name, false, input, output, Status.CURRENT, null);
    }

    /** A current asynchronous command. */
    public static CommandDef async(String name, Arguments input, Arguments output) {
        return new CommandDef(name, true, input, output, Status.CURRENT, null);
    }

    @Override
    public Optional<String> version() {
        return Optional.ofNullable(versionOrNull);
    }
}
