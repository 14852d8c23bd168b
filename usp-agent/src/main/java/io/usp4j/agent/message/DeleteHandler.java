package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.proto.msg.Delete;
import io.usp4j.core.proto.msg.DeleteResp;
import io.usp4j.core.proto.msg.DeleteResp.DeletedObjectResult;
import io.usp4j.core.proto.msg.DeleteResp.DeletedObjectResult.OperationStatus;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.instance.TransactionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Delete: removes table instances, with everything below them (TR-369 "The Delete Message").
 *
 * <p>Each {@code obj_path} is an instance path (number or unique-key address) or a search path. Its
 * {@code affected_paths} list the instances it matched and deleted, with instance numbers; sub-objects and
 * nested instances deleted with them are not listed. A search path matching nothing, and an addressing path
 * to an instance that does not exist, succeed with no {@code affected_paths} (R-DEL.2a, R-MSG.4a; TP-469
 * 1.25, 1.29, 1.32). A path naming a table (7026), a single-instance object (7018), something outside the
 * Supported Data Model (7026) or not parsing (7008) fails as a whole.
 *
 * <ul>
 *   <li>{@code allow_partial=true}: every instance is deleted in a transaction of its own (R-DEL.0); an
 *       instance that cannot be (7024: the table does not allow it, or would keep too few entries; or the
 *       code firmware gave) is listed in {@code unaffected_path_errs} of the path's {@code oper_success}
 *       (R-DEL.3), next to the instances that were deleted. A path that fails as a whole is an
 *       {@code oper_failure}.</li>
 *   <li>{@code allow_partial=false}: the whole message is one transaction (R-DEL.1); any failure rolls it
 *       back and answers an Error message with the first failure's code and one {@code param_errs} entry per
 *       failed path or instance.</li>
 * </ul>
 *
 * <p><b>Missing instances with {@code allow_partial=false}.</b> TR-369 1.4.1 rewrote R-DEL.1 so that an entry
 * addressing an instance that does not exist fails the message; TR-369 up to 1.4 (R-DEL.1 covers only paths
 * outside the Supported Data Model and non-deletable tables, R-DEL.2a covers the rest) and TP-469 1.4.0 case
 * 1.25 expect an empty {@code oper_success}. The default follows TP-469; {@link #DeleteHandler(boolean)} with
 * {@code true} follows 1.4.1 and answers 7016 instead. Search paths matching nothing succeed either way.
 *
 * <p>Not yet: access control (7006, R-DEL.2/R-DEL.4 filtering of unreadable paths).
 *
 * <p>Holds no state between messages; runs on the agent thread, which owns the data model.
 */
final class DeleteHandler implements RequestHandler {
    private final boolean missingInstanceFails;

    /** A Delete handler that treats a missing instance as nothing to do, as TP-469 1.25 expects. */
    DeleteHandler() {
        this(false);
    }

    /**
     * A Delete handler.
     *
     * @param missingInstanceFails true to fail a Delete with {@code allow_partial=false} whose addressing path
     *     names an instance that does not exist (7016), as R-DEL.1 of TR-369 1.4.1 says
     */
    DeleteHandler(boolean missingInstanceFails) {
        this.missingInstanceFails = missingInstanceFails;
    }

    @Override
    public Response handle(RequestContext ctx, Request request) {
        Delete delete = request.getDelete();
        DeleteResp.Builder resp = DeleteResp.newBuilder();
        try {
            if (delete.getAllowPartial()) {
                for (String path : delete.getObjPathsList()) {
                    deleteAlone(ctx, path, resp);
                }
            } else {
                deleteAll(ctx, delete.getObjPathsList(), resp);
            }
        } finally {
            ctx.refreshView();
        }
        return Response.newBuilder().setDeleteResp(resp).build();
    }

    /** allow_partial=true: one transaction per instance. */
    private static void deleteAlone(RequestContext ctx, String requested, DeleteResp.Builder resp) {
        WriteTargets targets;
        try {
            targets = WriteTargets.resolve(ctx.model().view(), requested, WriteTargets.Kind.INSTANCE);
        } catch (UspException e) {
            resp.addDeletedObjResults(DeletedObjectResult.newBuilder()
                    .setRequestedPath(requested)
                    .setOperStatus(OperationStatus.newBuilder().setOperFailure(
                            OperationStatus.OperationFailure.newBuilder()
                                    .setErrCode(e.errorCode().code())
                                    .setErrMsg(WriteFailure.ofPath(requested, e).message()))));
            return;
        }
        OperationStatus.OperationSuccess.Builder ok = OperationStatus.OperationSuccess.newBuilder();
        for (String instance : targets.paths()) {
            Transaction tx = ctx.model().begin();
            try {
                tx.delete(instance);
                tx.commit();
                ok.addAffectedPaths(instance);
            } catch (UspException e) {
                WriteFailure f = WriteFailure.ofObject(instance, e);
                ok.addUnaffectedPathErrs(DeleteResp.UnaffectedPathError.newBuilder()
                        .setUnaffectedPath(instance)
                        .setErrCode(f.code().code())
                        .setErrMsg(f.message()));
            } finally {
                if (tx.isOpen()) {
                    tx.rollback();
                }
            }
        }
        resp.addDeletedObjResults(DeletedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder().setOperSuccess(ok)));
    }

    /** allow_partial=false: one transaction for the message. */
    private void deleteAll(RequestContext ctx, List<String> paths, DeleteResp.Builder resp) {
        Transaction tx = ctx.model().begin();
        try {
            List<WriteFailure> failures = new ArrayList<>();
            for (String requested : paths) {
                WriteTargets targets;
                try {
                    targets = WriteTargets.resolve(tx.view(), requested, WriteTargets.Kind.INSTANCE);
                    if (targets.missing() && missingInstanceFails) {
                        throw new UspException(ErrorCode.OBJECT_DOES_NOT_EXIST, requested + " does not exist");
                    }
                } catch (UspException e) {
                    failures.add(WriteFailure.ofPath(requested, e));
                    continue;
                }
                OperationStatus.OperationSuccess.Builder ok = OperationStatus.OperationSuccess.newBuilder();
                for (String instance : targets.paths()) {
                    try {
                        ok.addAffectedPaths(tx.delete(instance));
                    } catch (UspException e) {
                        failures.add(WriteFailure.ofObject(instance, e));
                    }
                }
                resp.addDeletedObjResults(DeletedObjectResult.newBuilder()
                        .setRequestedPath(requested)
                        .setOperStatus(OperationStatus.newBuilder().setOperSuccess(ok)));
            }
            WriteFailure.commitOrFail(tx, failures);
        } finally {
            if (tx.isOpen()) {
                tx.rollback();
            }
        }
    }
}
