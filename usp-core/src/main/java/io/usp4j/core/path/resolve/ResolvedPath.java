package io.usp4j.core.path.resolve;

import java.util.Objects;

/**
 * One element a path resolved to, named by its Instantiated Data Model path with instance numbers
 * (R-MSG.3).
 *
 * @param path the full path: {@code Device.IP.Interface.1.} (object or instance), {@code Device.IP.Interface.}
 *     (table), {@code Device.IP.Interface.1.Name} (parameter), {@code Device.IP.Interface.1.Reset()}
 *     (command) or {@code Device.Boot!} (event)
 * @param target what kind of element it is
 * @param object the object itself for {@link Target#OBJECT} and {@link Target#INSTANCE}; the object holding
 *     the element for the other targets
 * @param name the table, parameter, command or event name (without {@code ()}/{@code !}); null for
 *     {@link Target#OBJECT} and {@link Target#INSTANCE}
 */
public record ResolvedPath(String path, Target target, InstantiatedObject object, String name) {

    /** The kinds of element a path can resolve to. */
    public enum Target {
        /** A single-instance object. */
        OBJECT,
        /** A table (multi-instance object) addressed as a whole, without an instance. */
        TABLE,
        /** One row of a table. */
        INSTANCE,
        /** A parameter. */
        PARAMETER,
        /** A command. */
        COMMAND,
        /** An event. */
        EVENT
    }

    public ResolvedPath {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(object, "object");
    }
}
