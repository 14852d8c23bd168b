package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Error;
import io.usp4j.datamodel.instance.ParamError;
import io.usp4j.datamodel.instance.TransactionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Why one requested path, or one object it matched, could not be added, set or deleted.
 *
 * @param code the object-level error code
 * @param message the explanation
 * @param path the object that failed with instance numbers when it is known (an instance, or the table of a
 *     refused Add), else the path as the Controller requested it
 * @param paramErrors the parameters that failed, by name relative to {@code path}; empty for failures of the
 *     object as a whole
 * @param onObject true when the failure belongs to an object the path matched (a refused Set or Delete of an
 *     existing object), false when the requested path itself failed (syntax, not supported, not found)
 */
record WriteFailure(ErrorCode code, String message, String path, List<ParamError> paramErrors, boolean onObject) {
    WriteFailure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(path, "path");
        paramErrors = List.copyOf(paramErrors);
    }

    /** A failure of the requested path itself, before any object was reached. */
    static WriteFailure ofPath(String requestedPath, UspException e) {
        return new WriteFailure(e.errorCode(), messageOf(e), requestedPath, List.of(), false);
    }

    /**
     * A failure the data model reported for an object: the path and parameters a {@link TransactionException}
     * names, else {@code objectPath}.
     */
    static WriteFailure ofObject(String objectPath, UspException e) {
        if (e instanceof TransactionException te) {
            String path = te.path() == null || te.path().isEmpty() ? objectPath : te.path();
            return new WriteFailure(te.errorCode(), messageOf(te), path, te.paramErrors(), true);
        }
        return new WriteFailure(e.errorCode(), messageOf(e), objectPath, List.of(), true);
    }

    /**
     * The entries of an Error message's {@code param_errs} for this failure: one per failed parameter with its
     * full path, or one naming the object when no parameter is to blame.
     */
    List<Error.ParamError> errorParams() {
        if (paramErrors.isEmpty()) {
            return List.of(Messages.paramError(path, code, message));
        }
        List<Error.ParamError> out = new ArrayList<>(paramErrors.size());
        for (ParamError p : paramErrors) {
            out.add(Messages.paramError(fullPath(path, p.param()), p.code(), p.message()));
        }
        return out;
    }

    /**
     * The text for an {@code oper_failure} whose message has no room for parameter errors (Add): the message,
     * followed by each failed parameter with its code.
     */
    String describe() {
        if (paramErrors.isEmpty()) {
            return message;
        }
        StringBuilder sb = new StringBuilder(message).append(':');
        for (ParamError p : paramErrors) {
            sb.append(' ').append(p.param()).append(" (").append(p.code().code()).append(' ').append(p.message())
                    .append(");");
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /**
     * The Error message for failures of a request with {@code allow_partial=false}: the code and text of the
     * first failure, the parameter errors of all.
     */
    static RequestFailedException requestFailed(List<WriteFailure> failures) {
        WriteFailure first = failures.get(0);
        List<Error.ParamError> params = new ArrayList<>();
        for (WriteFailure f : failures) {
            params.addAll(f.errorParams());
        }
        String text = first.path + ": " + first.message;
        if (failures.size() > 1) {
            text += " (and " + (failures.size() - 1) + " more failure" + (failures.size() > 2 ? "s" : "") + ")";
        }
        return new RequestFailedException(first.code, text, params);
    }

    /** A parameter's full path from its object's path and its relative name. */
    static String fullPath(String objectPath, String relative) {
        return objectPath.endsWith(".") ? objectPath + relative : objectPath + "." + relative;
    }

    private static String messageOf(UspException e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.errorCode().meaning() : m;
    }

    /**
     * Ends the single transaction of an {@code allow_partial=false} message: fails the whole request when any
     * object failed while staging, otherwise commits, and fails the request if the commit finds the final
     * state invalid. The caller rolls back in a {@code finally} when the transaction is still open.
     *
     * @throws RequestFailedException with every failure collected, or the commit's failure
     */
    static void commitOrFail(io.usp4j.datamodel.instance.Transaction tx, List<WriteFailure> failures) {
        if (!failures.isEmpty()) {
            throw requestFailed(failures);
        }
        try {
            tx.commit();
        } catch (TransactionException e) {
            throw requestFailed(List.of(ofObject(e.path(), e)));
        }
    }
}
