package io.usp4j.core.error;

import java.util.Objects;

/**
 * A failure that has a USP error code: the code travels to the Controller in an {@code Error} message, a
 * per-path result or a per-parameter error, and the message explains it to a person.
 *
 * <p>Unchecked, like {@link IllegalArgumentException}: most callers hand it on to the message engine, which
 * turns it into the response the specification asks for.
 */
public class UspException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    /**
     * @param errorCode the USP code, never null
     * @param message the explanation sent as {@code err_msg}; the code's meaning is used when null
     */
    public UspException(ErrorCode errorCode, String message) {
        super(message == null ? Objects.requireNonNull(errorCode, "errorCode").meaning() : message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    /** As {@link #UspException(ErrorCode, String)}, with the exception that caused this one. */
    public UspException(ErrorCode errorCode, String message, Throwable cause) {
        super(message == null ? Objects.requireNonNull(errorCode, "errorCode").meaning() : message, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    /** The USP error code. */
    public ErrorCode errorCode() {
        return errorCode;
    }
}
