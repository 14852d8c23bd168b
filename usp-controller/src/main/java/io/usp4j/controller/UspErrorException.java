package io.usp4j.controller;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.proto.msg.Error;
import io.usp4j.core.proto.msg.Msg;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An Agent refused a request as a whole: it answered with a USP {@code Error} message (or, for the
 * convenience calls that need one object, with a per-object failure; see {@link RemoteAgent}). Carries the
 * error code, the Agent's {@code err_msg} and any per-parameter errors.
 *
 * <p>Immutable.
 */
public final class UspErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String errorMessage;
    private final transient List<Error.ParamError> paramErrors;
    private final String msgId;
    private final String path;

    /**
     * Creates the exception.
     *
     * @param code the USP error code (7000–7999)
     * @param errorMessage the Agent's explanation; may be empty
     * @param paramErrors per-parameter errors, possibly none
     * @param msgId the {@code msg_id} of the request that failed
     * @param path the path the failure is about, or empty when it is about the whole message
     */
    public UspErrorException(int code, String errorMessage, List<Error.ParamError> paramErrors, String msgId, String path) {
        super(describe(code, errorMessage, path));
        this.code = code;
        this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage");
        this.paramErrors = List.copyOf(paramErrors);
        this.msgId = Objects.requireNonNull(msgId, "msgId");
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The exception for an Error message. */
    public static UspErrorException of(Msg error) {
        Error e = error.getBody().getError();
        return new UspErrorException(e.getErrCode(), e.getErrMsg(), e.getParamErrsList(), error.getHeader().getMsgId(), "");
    }

    private static String describe(int code, String message, String path) {
        StringBuilder b = new StringBuilder().append(code);
        ErrorCode.of(code).ifPresent(c -> b.append(" (").append(c.meaning()).append(')'));
        if (!message.isEmpty()) {
            b.append(": ").append(message);
        }
        if (!path.isEmpty()) {
            b.append(" [").append(path).append(']');
        }
        return b.toString();
    }

    /** The USP error code. */
    public int code() {
        return code;
    }

    /** The code as the enum names it, when it is one the specification defines. */
    public Optional<ErrorCode> errorCode() {
        return ErrorCode.of(code);
    }

    /** The Agent's {@code err_msg}; may be empty. */
    public String errorMessage() {
        return errorMessage;
    }

    /** Per-parameter errors of an Add, Set or Delete refused as a whole; possibly none. */
    public List<Error.ParamError> paramErrors() {
        return paramErrors == null ? List.of() : paramErrors;
    }

    /** The {@code msg_id} of the request that failed. */
    public String msgId() {
        return msgId;
    }

    /** The path the failure concerns; empty when the whole message failed. */
    public String path() {
        return path;
    }
}
