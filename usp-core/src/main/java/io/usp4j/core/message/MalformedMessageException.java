package io.usp4j.core.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import java.util.Optional;

/**
 * A Record payload that is not a valid USP Message: unparsable bytes, a missing header or body, a oneof
 * with no member or several (R-ENC.3/5), a missing {@code msg_id}. USP error 7004, "Invalid arguments",
 * as R-ENC.5 names for a Message breaking the schema.
 *
 * <p>Carries the {@code msg_id} and whether the body holds a request, when they could still be read: an
 * Error goes back only for a Request whose {@code msg_id} is readable (R-MTP.5).
 */
public final class MalformedMessageException extends UspException {
    private static final long serialVersionUID = 1L;

    private final String msgId;
    private final boolean request;

    MalformedMessageException(String message, String msgId, boolean request, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENTS, message, cause);
        this.msgId = msgId == null || msgId.isEmpty() ? null : msgId;
        this.request = request;
    }

    /** The {@code msg_id} of the failed Message, when it could be read and was not empty. */
    public Optional<String> msgId() {
        return Optional.ofNullable(msgId);
    }

    /** True when the body could be seen to hold a Request (so an Error response is due). */
    public boolean isRequest() {
        return request;
    }
}
