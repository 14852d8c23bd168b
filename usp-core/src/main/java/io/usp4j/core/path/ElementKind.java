package io.usp4j.core.path;

/** What the last segment of a {@link PathName} addresses, told by how the path ends. */
public enum ElementKind {
    /** Ends in {@code .}: an object, an object instance, or a table (a "Partial Path"). */
    OBJECT,
    /** Ends in a name. */
    PARAMETER,
    /** Ends in {@code ()}. */
    COMMAND,
    /** Ends in {@code !}. */
    EVENT
}
