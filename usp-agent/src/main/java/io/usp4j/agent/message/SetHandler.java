package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.core.proto.msg.Set;
import io.usp4j.core.proto.msg.SetResp;
import io.usp4j.core.proto.msg.SetResp.UpdatedObjectResult;
import io.usp4j.core.proto.msg.SetResp.UpdatedObjectResult.OperationStatus;
import io.usp4j.datamodel.instance.ParamError;
import io.usp4j.datamodel.instance.ParamSetting;
import io.usp4j.datamodel.instance.SetResult;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.instance.TransactionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Set: changes parameters of existing objects (TR-369 "The Set Message").
 *
 * <p>Each {@code obj_path} is an object, instance or search path. Every object it matches is updated in one
 * transaction, so a search path is all or nothing for its objects whatever {@code allow_partial} says
 * (R-SET.2a). A search path matching nothing succeeds with no {@code updated_inst_results} (R-MSG.4a); an
 * addressing path to an object that does not exist fails with 7016.
 *
 * <ul>
 *   <li>{@code allow_partial=true}: each {@code obj_path} has a transaction of its own, committed before the
 *       next begins (R-SET.0). When an object fails, nothing of that path is applied and its result is an
 *       {@code oper_failure} with the first failure's code (7021 for a failed required parameter) and one
 *       {@code updated_inst_failures} entry per failed object with its failed parameters (relative names).
 *       All matched objects are tried, so every failure is reported (R-SET.2b allows stopping early).</li>
 *   <li>{@code allow_partial=false}: the whole message is one transaction (R-SET.1); later paths are resolved
 *       against the changes earlier ones staged. Any failure rolls everything back and answers an Error
 *       message with the first failure's code and one {@code param_errs} entry per failed parameter (full
 *       path), or per failed path when no parameter is to blame (7008, 7026, 7016). TR-369 1.3.2 allows an
 *       Error here also for search paths (R-SET.2a), and TP-469 1.20 expects one.</li>
 * </ul>
 * A successful object reports every parameter written with its value after the update, even when unchanged,
 * relative to {@code affected_path}, and the non-required settings that failed. Non-functional unique keys and
 * writeOnceReadOnly parameters that were set already are refused by the data model with 7013 (R-KEY.1).
 *
 * <p>Not yet: access control (7006, R-SET.3 filtering of unreadable parameters).
 *
 * <p>Holds no state between messages; runs on the agent thread, which owns the data model.
 */
final class SetHandler implements RequestHandler {

    /** What staging one {@code UpdateObject} gave: the objects updated and the objects that failed. */
    private record Staged(List<SetResult> results, List<WriteFailure> failures) {}

    @Override
    public Response handle(RequestContext ctx, Request request) {
        Set set = request.getSet();
        SetResp.Builder resp = SetResp.newBuilder();
        try {
            if (set.getAllowPartial()) {
                for (Set.UpdateObject uo : set.getUpdateObjsList()) {
                    setAlone(ctx, uo, resp);
                }
            } else {
                setAll(ctx, set.getUpdateObjsList(), resp);
            }
        } finally {
            ctx.refreshView();
        }
        return Response.newBuilder().setSetResp(resp).build();
    }

    /** allow_partial=true: one transaction per requested path. */
    private static void setAlone(RequestContext ctx, Set.UpdateObject uo, SetResp.Builder resp) {
        String requested = uo.getObjPath();
        Transaction tx = ctx.model().begin();
        try {
            Staged staged;
            try {
                staged = stage(tx, uo);
            } catch (UspException e) {
                resp.addUpdatedObjResults(failure(requested, List.of(WriteFailure.ofPath(requested, e))));
                return;
            }
            if (!staged.failures().isEmpty()) {
                resp.addUpdatedObjResults(failure(requested, staged.failures()));
                return;
            }
            try {
                tx.commit();
            } catch (TransactionException e) {
                resp.addUpdatedObjResults(failure(requested, List.of(WriteFailure.ofObject(requested, e))));
                return;
            }
            resp.addUpdatedObjResults(success(requested, staged.results()));
        } finally {
            if (tx.isOpen()) {
                tx.rollback();
            }
        }
    }

    /** allow_partial=false: one transaction for the message. */
    private static void setAll(RequestContext ctx, List<Set.UpdateObject> objects, SetResp.Builder resp) {
        Transaction tx = ctx.model().begin();
        try {
            List<WriteFailure> failures = new ArrayList<>();
            for (Set.UpdateObject uo : objects) {
                String requested = uo.getObjPath();
                try {
                    Staged staged = stage(tx, uo);
                    failures.addAll(staged.failures());
                    resp.addUpdatedObjResults(success(requested, staged.results()));
                } catch (UspException e) {
                    failures.add(WriteFailure.ofPath(requested, e));
                }
            }
            WriteFailure.commitOrFail(tx, failures);
        } finally {
            if (tx.isOpen()) {
                tx.rollback();
            }
        }
    }

    /**
     * Stages the update of every object a path matches.
     *
     * @throws UspException when the path itself fails (7008, 7026, 7016 for a missing addressed object)
     */
    private static Staged stage(Transaction tx, Set.UpdateObject uo) {
        String requested = uo.getObjPath();
        WriteTargets targets = WriteTargets.resolve(tx.view(), requested, WriteTargets.Kind.OBJECT);
        if (targets.missing()) {
            throw new UspException(ErrorCode.OBJECT_DOES_NOT_EXIST, requested + " does not exist");
        }
        List<ParamSetting> settings = new ArrayList<>(uo.getParamSettingsCount());
        for (Set.UpdateParamSetting s : uo.getParamSettingsList()) {
            settings.add(new ParamSetting(s.getParam(), s.getValue(), s.getRequired()));
        }
        List<SetResult> results = new ArrayList<>(targets.paths().size());
        List<WriteFailure> failures = new ArrayList<>();
        for (String path : targets.paths()) {
            try {
                results.add(tx.set(path, settings));
            } catch (UspException e) {
                failures.add(WriteFailure.ofObject(path, e));
            }
        }
        return new Staged(results, failures);
    }

    private static UpdatedObjectResult success(String requested, List<SetResult> results) {
        OperationStatus.OperationSuccess.Builder ok = OperationStatus.OperationSuccess.newBuilder();
        for (SetResult r : results) {
            SetResp.UpdatedInstanceResult.Builder inst = SetResp.UpdatedInstanceResult.newBuilder()
                    .setAffectedPath(r.objectPath())
                    .putAllUpdatedParams(r.updatedParams());
            for (ParamError p : r.paramErrors()) {
                inst.addParamErrs(parameterError(p));
            }
            ok.addUpdatedInstResults(inst);
        }
        return UpdatedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder().setOperSuccess(ok))
                .build();
    }

    private static UpdatedObjectResult failure(String requested, List<WriteFailure> failures) {
        WriteFailure first = failures.get(0);
        OperationStatus.OperationFailure.Builder failed = OperationStatus.OperationFailure.newBuilder()
                .setErrCode(first.code().code())
                .setErrMsg(failures.size() == 1 ? first.message()
                        : first.message() + " (and " + (failures.size() - 1) + " more failed object"
                                + (failures.size() > 2 ? "s" : "") + ")");
        for (WriteFailure f : failures) {
            if (!f.onObject()) {
                continue;
            }
            SetResp.UpdatedInstanceFailure.Builder inst = SetResp.UpdatedInstanceFailure.newBuilder()
                    .setAffectedPath(f.path());
            for (ParamError p : f.paramErrors()) {
                inst.addParamErrs(parameterError(p));
            }
            failed.addUpdatedInstFailures(inst);
        }
        return UpdatedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder().setOperFailure(failed))
                .build();
    }

    private static SetResp.ParameterError parameterError(ParamError p) {
        return SetResp.ParameterError.newBuilder()
                .setParam(p.param())
                .setErrCode(p.code().code())
                .setErrMsg(p.message())
                .build();
    }
}
