package io.usp4j.core.record;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;

/**
 * A Record that parsed but carries a value TR-369 does not allow: a required field left empty
 * (R-MTP.4b), an empty {@code no_session_context} payload (R-E2E.26) or a version that is not
 * {@code major.minor}. USP error 7104, "Invalid Record value".
 */
public final class InvalidRecordException extends UspException {
    private static final long serialVersionUID = 1L;

    InvalidRecordException(String message) {
        super(ErrorCode.INVALID_RECORD_VALUE, message);
    }
}
