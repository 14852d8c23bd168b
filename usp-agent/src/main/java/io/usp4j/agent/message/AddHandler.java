package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.proto.msg.Add;
import io.usp4j.core.proto.msg.AddResp;
import io.usp4j.core.proto.msg.AddResp.CreatedObjectResult;
import io.usp4j.core.proto.msg.AddResp.CreatedObjectResult.OperationStatus;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.datamodel.instance.AddResult;
import io.usp4j.datamodel.instance.ParamError;
import io.usp4j.datamodel.instance.ParamSetting;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.instance.TransactionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Add: creates table instances (TR-369 "The Add Message").
 *
 * <p>Each {@code obj_path} names a table, possibly through a search or unique-key address of its parent; a
 * search matching several parents creates one instance under each, each with its own
 * {@code CreatedObjectResult} carrying the same {@code requested_path} (R-ADD.2 deprecated in 1.3), and a
 * search matching none gives one empty {@code oper_success} (R-MSG.4a).
 *
 * <ul>
 *   <li>{@code allow_partial=true}: every instance is created in a transaction of its own, committed at once,
 *       so each matched parent succeeds or fails alone (R-ADD.0). A failure is an {@code oper_failure}: 7021
 *       when a required or unique-key parameter failed (the failed parameters and their codes are listed in
 *       {@code err_msg}, the only place the message has for them), 7025 when a unique key clashes at
 *       commit, the path's code otherwise (7008, 7026, 7016, 7018, 7019, ...).</li>
 *   <li>{@code allow_partial=false}: the whole message is one transaction (R-ADD.1, R-ADD.2a): later paths see
 *       the instances earlier ones created, unique keys are checked once at the end, and any failure rolls
 *       everything back and answers an Error message. Its {@code err_code} is that of the first failure;
 *       its {@code param_errs} name each failed parameter by its full path (the table path plus the relative
 *       name, as the instance has no number), or the path that failed when no parameter is to blame.</li>
 * </ul>
 * A successful instance reports its path, the settings that failed without failing it (non-required ones,
 * relative names; R-ADD.4) and every unique-key parameter with its value, including those the data model
 * assigned (R-ADD.5). Unique-key parameters count as required whatever the Controller said.
 *
 * <p>Not yet: access control (7006, R-ADD.6 filtering of unreadable keys).
 *
 * <p>Holds no state between messages; runs on the agent thread, which owns the data model.
 */
final class AddHandler implements RequestHandler {
    private final WriteDefaults defaults;

    /** An Add handler that writes no values of its own into new instances. */
    AddHandler() {
        this(WriteDefaults.NONE);
    }

    /** An Add handler that writes {@code defaults} into every instance it creates. */
    AddHandler(WriteDefaults defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    @Override
    public Response handle(RequestContext ctx, Request request) {
        Add add = request.getAdd();
        AddResp.Builder resp = AddResp.newBuilder();
        try {
            if (add.getAllowPartial()) {
                for (Add.CreateObject co : add.getCreateObjsList()) {
                    addAlone(ctx, co, resp);
                }
            } else {
                addAll(ctx, add.getCreateObjsList(), resp);
            }
        } finally {
            ctx.refreshView();
        }
        return Response.newBuilder().setAddResp(resp).build();
    }

    /** allow_partial=true: one transaction per instance. */
    private void addAlone(RequestContext ctx, Add.CreateObject co, AddResp.Builder resp) {
        String requested = co.getObjPath();
        WriteTargets tables;
        try {
            tables = WriteTargets.resolve(ctx.model().view(), requested, WriteTargets.Kind.TABLE);
            if (tables.missing()) {
                throw missingParent(requested);
            }
        } catch (UspException e) {
            resp.addCreatedObjResults(failure(requested, WriteFailure.ofPath(requested, e)));
            return;
        }
        if (tables.paths().isEmpty()) {
            resp.addCreatedObjResults(emptySuccess(requested));
            return;
        }
        List<ParamSetting> settings = settings(co);
        for (String table : tables.paths()) {
            Transaction tx = ctx.model().begin();
            try {
                AddResult r = tx.add(table, settings, defaults.internalValues(ctx, table));
                tx.commit();
                resp.addCreatedObjResults(success(requested, r));
            } catch (UspException e) {
                resp.addCreatedObjResults(failure(requested, WriteFailure.ofObject(table, e)));
            } finally {
                if (tx.isOpen()) {
                    tx.rollback();
                }
            }
        }
    }

    /** allow_partial=false: one transaction for the message. */
    private void addAll(RequestContext ctx, List<Add.CreateObject> objects, AddResp.Builder resp) {
        Transaction tx = ctx.model().begin();
        try {
            List<WriteFailure> failures = new ArrayList<>();
            for (Add.CreateObject co : objects) {
                String requested = co.getObjPath();
                WriteTargets tables;
                try {
                    tables = WriteTargets.resolve(tx.view(), requested, WriteTargets.Kind.TABLE);
                    if (tables.missing()) {
                        throw missingParent(requested);
                    }
                } catch (UspException e) {
                    failures.add(WriteFailure.ofPath(requested, e));
                    continue;
                }
                if (tables.paths().isEmpty()) {
                    resp.addCreatedObjResults(emptySuccess(requested));
                    continue;
                }
                List<ParamSetting> settings = settings(co);
                for (String table : tables.paths()) {
                    try {
                        resp.addCreatedObjResults(success(requested,
                                tx.add(table, settings, defaults.internalValues(ctx, table))));
                    } catch (UspException e) {
                        failures.add(WriteFailure.ofObject(table, e));
                    }
                }
            }
            WriteFailure.commitOrFail(tx, failures);
        } finally {
            if (tx.isOpen()) {
                tx.rollback();
            }
        }
    }

    private static UspException missingParent(String requested) {
        return new UspException(ErrorCode.OBJECT_DOES_NOT_EXIST, "the parent object of " + requested + " does not exist");
    }

    private static List<ParamSetting> settings(Add.CreateObject co) {
        List<ParamSetting> out = new ArrayList<>(co.getParamSettingsCount());
        for (Add.CreateParamSetting s : co.getParamSettingsList()) {
            out.add(new ParamSetting(s.getParam(), s.getValue(), s.getRequired()));
        }
        return out;
    }

    private static CreatedObjectResult success(String requested, AddResult r) {
        OperationStatus.OperationSuccess.Builder ok = OperationStatus.OperationSuccess.newBuilder()
                .setInstantiatedPath(r.instancePath())
                .putAllUniqueKeys(r.uniqueKeys());
        for (ParamError p : r.paramErrors()) {
            ok.addParamErrs(AddResp.ParameterError.newBuilder()
                    .setParam(p.param()).setErrCode(p.code().code()).setErrMsg(p.message()));
        }
        return CreatedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder().setOperSuccess(ok))
                .build();
    }

    private static CreatedObjectResult emptySuccess(String requested) {
        return CreatedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder()
                        .setOperSuccess(OperationStatus.OperationSuccess.getDefaultInstance()))
                .build();
    }

    private static CreatedObjectResult failure(String requested, WriteFailure f) {
        return CreatedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder().setOperFailure(
                        OperationStatus.OperationFailure.newBuilder()
                                .setErrCode(f.code().code())
                                .setErrMsg(f.describe())))
                .build();
    }
}
