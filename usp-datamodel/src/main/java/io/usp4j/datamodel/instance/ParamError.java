package io.usp4j.datamodel.instance;

import io.usp4j.core.error.ErrorCode;
import java.util.Objects;

/**
 * Why one parameter of an Add or Set was not written.
 *
 * @param param the parameter name as the Controller wrote it, relative to the object
 * @param code the USP error code (7010 unsupported, 7011 invalid type, 7012 invalid value, 7013 not writable,
 *     7025 duplicate key, ...)
 * @param message a short explanation
 */
public record ParamError(String param, ErrorCode code, String message) {
    public ParamError {
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
