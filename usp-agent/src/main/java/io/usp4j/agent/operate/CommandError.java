package io.usp4j.agent.operate;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a command failed, as a {@code CommandFailure} reports it (in an OperateResp or an OperationComplete).
 * Immutable and thread-safe.
 *
 * @param code the error code, one a CommandFailure may carry
 * @param message the explanation for the Controller
 */
public record CommandError(ErrorCode code, String message) {
    /**
     * The codes a CommandFailure may carry: 7002–7008, 7016, 7022, 7023 (TR-369 §Operate, CommandFailure), and
     * 7027 for bad input arguments (R-OPR.5).
     */
    private static final Set<ErrorCode> ALLOWED = EnumSet.of(ErrorCode.REQUEST_DENIED, ErrorCode.INTERNAL_ERROR,
            ErrorCode.INVALID_ARGUMENTS, ErrorCode.RESOURCES_EXCEEDED, ErrorCode.PERMISSION_DENIED,
            ErrorCode.INVALID_CONFIGURATION, ErrorCode.INVALID_PATH_SYNTAX, ErrorCode.OBJECT_DOES_NOT_EXIST,
            ErrorCode.COMMAND_FAILURE, ErrorCode.COMMAND_CANCELED, ErrorCode.INVALID_COMMAND_ARGUMENTS);

    /**
     * Checks for nulls.
     *
     * @throws NullPointerException when the code or message is null
     */
    public CommandError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The error to report for a failed command stage: a {@link UspException} keeps its code when a
     * CommandFailure may carry it (otherwise 7022, naming the code in the message), a cancellation is 7023,
     * anything else 7022.
     *
     * @param failure what the stage failed with; {@link CompletionException} and {@link ExecutionException}
     *     wrappers are looked through
     */
    public static CommandError of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof UspException u) {
            if (ALLOWED.contains(u.errorCode())) {
                return new CommandError(u.errorCode(), u.getMessage());
            }
            return new CommandError(ErrorCode.COMMAND_FAILURE, u.errorCode().code() + " " + u.getMessage());
        }
        if (cause instanceof CancellationException) {
            return new CommandError(ErrorCode.COMMAND_CANCELED, "the command was canceled");
        }
        return new CommandError(ErrorCode.COMMAND_FAILURE,
                cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }
}
