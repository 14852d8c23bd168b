package io.usp4j.datamodel.instance;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import java.util.List;

/**
 * An object of a transaction failed: a staged Add, Set or Delete was refused, or the commit found the final
 * state invalid (duplicate unique key, dangling strong reference, a {@code ChangeHandler} veto) or firmware
 * refused to apply it. The data model is unchanged by the failed step; after a failed commit it is unchanged
 * by the whole transaction.
 */
public final class TransactionException extends UspException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final transient List<ParamError> paramErrors;

    /**
     * Creates the exception.
     *
     * @param code the object-level error code
     * @param path the object (or table, for a refused Add) that failed
     * @param message a short explanation
     * @param paramErrors the parameters that failed, possibly none
     */
    public TransactionException(ErrorCode code, String path, String message, List<ParamError> paramErrors) {
        super(code, message);
        this.path = path;
        this.paramErrors = List.copyOf(paramErrors);
    }

    /** The object path that failed. */
    public String path() {
        return path;
    }

    /** The parameters that failed, in the order they were given; empty for object-level failures. */
    public List<ParamError> paramErrors() {
        return paramErrors;
    }
}
