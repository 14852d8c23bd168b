package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.proto.msg.Error;
import java.util.List;

/**
 * A request fails as a whole: the agent answers with an {@code Error} message of this code, listing the
 * parameters that failed (Add, Set and Delete with {@code allow_partial=false}).
 */
public final class RequestFailedException extends UspException {
    private static final long serialVersionUID = 1L;

    private final transient List<Error.ParamError> paramErrors;

    /**
     * Creates the exception.
     *
     * @param code the Error message's code
     * @param message the Error message's text
     * @param paramErrors the failed parameters, each with its full path, code and text
     */
    public RequestFailedException(ErrorCode code, String message, List<Error.ParamError> paramErrors) {
        super(code, message);
        this.paramErrors = List.copyOf(paramErrors);
    }

    /** The failed parameters. */
    public List<Error.ParamError> paramErrors() {
        return paramErrors;
    }
}
