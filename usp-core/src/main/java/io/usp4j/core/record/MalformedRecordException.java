package io.usp4j.core.record;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import java.util.Optional;

/**
 * Bytes that are not a USP Record (USP error 7100, "Record could not be parsed"), or a Record that breaks
 * the schema so that it must be discarded (a {@code record_type} oneof with no member or several, R-ENC.4).
 *
 * <p>Carries what could still be read before the failure, so that the Agent can decide whether an Error
 * may be sent back (R-MTP.5 needs a readable {@code from_id} and {@code to_id}).
 */
public final class MalformedRecordException extends UspException {
    private static final long serialVersionUID = 1L;

    private final String toId;
    private final String fromId;

    MalformedRecordException(String message, String toId, String fromId, Throwable cause) {
        super(ErrorCode.RECORD_NOT_PARSED, message, cause);
        this.toId = toId;
        this.fromId = fromId;
    }

    /** The {@code to_id} read before the failure, when there was one. */
    public Optional<String> toId() {
        return Optional.ofNullable(toId);
    }

    /** The {@code from_id} read before the failure, when there was one. */
    public Optional<String> fromId() {
        return Optional.ofNullable(fromId);
    }
}
