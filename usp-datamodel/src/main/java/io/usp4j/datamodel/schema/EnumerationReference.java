package io.usp4j.datamodel.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * Says that a string's allowed values are the current values of another (list) parameter
 * ({@code <enumerationRef targetParam nullValue>}).
 *
 * @param targetParam the path of that parameter, as written in the document (may be relative)
 * @param nullValue the value that means "none", or {@code null}
 */
public record EnumerationReference(String targetParam, String nullValue) {
    /** Checks for null. */
    public EnumerationReference {
        Objects.requireNonNull(targetParam, "targetParam");
    }

    /** The "none" value, if any. */
    public Optional<String> nullValueIfAny() {
        return Optional.ofNullable(nullValue);
    }
}
