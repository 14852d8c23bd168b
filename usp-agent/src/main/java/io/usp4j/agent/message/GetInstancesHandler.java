package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.ElementKind;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.InstantiatedObject;
import io.usp4j.core.path.resolve.Resolution;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.core.proto.msg.GetInstances;
import io.usp4j.core.proto.msg.GetInstancesResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.UniqueKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GetInstances (TR-369 "The GetInstances Message"): the instances of tables and their unique keys, one
 * {@code RequestedPathResult} per requested path, each evaluated on its own through the message's one
 * {@link ModelView}.
 *
 * <ul>
 *   <li><b>What a path may name</b>: a table ({@code Device.LocalAgent.Controller.}), possibly reached through
 *       instance numbers, keys, searches or wildcards ({@code Controller.*.MTP.}), which stands for its rows;
 *       or rows themselves ({@code Subscription.*.}, {@code Subscription.[Enable==true].},
 *       {@code Controller.1.}), which the specification's "a CurrInstance for each Instance of all of the
 *       Objects matched by requested_path" covers. A single-instance object or a parameter, command or event
 *       path is not a Multi-Instance Object: 7018.</li>
 *   <li><b>first_level_only</b>: true lists only the matched rows; false adds, after each row, every row of
 *       every table below it, recursively (also through single-instance sub-objects), depth first in document
 *       order, rows by instance number.</li>
 *   <li><b>unique_keys</b>: every parameter of every unique key of the row's table (each name once, relative),
 *       with its current value; secured, hidden and write-only key parameters read as "" ({@link GetValues}),
 *       and a key parameter without a value now is left out. Access control (R-GIN.0, R-GIN.1) is not applied
 *       yet.</li>
 *   <li><b>Errors</b> in the path's {@code err_code}: 7008 syntax or invalid search expression, 7026 not in
 *       the Supported Data Model, 7018 not a table, 7016 for a path addressing by instance numbers only
 *       whose object does not exist ({@code Controller.9.BootParameter.}; 7016 is "Object does not exist" and
 *       is in the message's list of codes), 7003 when firmware cannot list a table or read a key. A search
 *       that matches nothing is an empty success (R-MSG.4a), and so is a unique-key address that matches
 *       nothing ({@code Controller.[Alias=="none"].BootParameter.}): GetInstances has no rule like Get's
 *       R-GET.0, key addresses are written like searches, and TP-469 1.83 expects an empty success for one.</li>
 * </ul>
 *
 * <p>Stateless; runs on the agent thread.
 */
final class GetInstancesHandler implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(GetInstancesHandler.class);

    @Override
    public Response handle(RequestContext ctx, Request request) {
        GetInstances req = request.getGetInstances();
        ModelView view = ctx.view();
        SupportedDataModel supported = ctx.model().supported();
        GetInstancesResp.Builder resp = GetInstancesResp.newBuilder();
        for (String requested : req.getObjPathsList()) {
            resp.addReqPathResults(requestedPath(view, supported, requested, req.getFirstLevelOnly()));
        }
        return Response.newBuilder().setGetInstancesResp(resp).build();
    }

    private static GetInstancesResp.RequestedPathResult requestedPath(ModelView view, SupportedDataModel supported,
            String requested, boolean firstLevelOnly) {
        GetInstancesResp.RequestedPathResult.Builder out =
                GetInstancesResp.RequestedPathResult.newBuilder().setRequestedPath(requested);
        try {
            PathName path = PathName.parse(requested);
            Resolution resolution = view.resolve(path);
            if (path.kind() != ElementKind.OBJECT) {
                throw notATable(requested, "it names a " + path.kind().name().toLowerCase(Locale.ROOT));
            }
            if (resolution.addressedElementMissing() && !path.isSearchPath()) {
                throw new UspException(ErrorCode.OBJECT_DOES_NOT_EXIST,
                        "Object does not exist: " + requested + " matches nothing in the instantiated data model");
            }
            List<GetInstancesResp.CurrInstance> found = new ArrayList<>();
            for (ResolvedPath rp : resolution.paths()) {
                switch (rp.target()) {
                    case TABLE -> {
                        ObjectDef rowDef = objectDef(supported, rp.path());
                        for (InstantiatedObject row : rp.object().instances(rp.name())) {
                            addRow(row, rowDef, rp.path() + row.instanceNumber() + ".", firstLevelOnly, supported, found);
                        }
                    }
                    case INSTANCE -> addRow(rp.object(), objectDef(supported, rp.path()), rp.path(), firstLevelOnly,
                            supported, found);
                    default -> throw notATable(requested, rp.path() + " is a single-instance object");
                }
            }
            out.addAllCurrInsts(found);
        } catch (UspException e) {
            LOG.debug("GetInstances {} failed: {} {}", requested, e.errorCode(), e.getMessage());
            out.clearCurrInsts()
                    .setErrCode(e.errorCode().code())
                    .setErrMsg(e.getMessage() == null ? e.errorCode().meaning() : e.getMessage());
        }
        return out.build();
    }

    private static UspException notATable(String requested, String why) {
        return new UspException(ErrorCode.OBJECT_NOT_A_TABLE,
                "Object is not a table: " + requested + " does not name a multi-instance object (" + why + ")");
    }

    /** Adds a row and, unless only the first level is wanted, the rows of every table below it. */
    private static void addRow(InstantiatedObject row, ObjectDef def, String path, boolean firstLevelOnly,
            SupportedDataModel supported, List<GetInstancesResp.CurrInstance> out) {
        GetInstancesResp.CurrInstance.Builder inst = GetInstancesResp.CurrInstance.newBuilder().setInstantiatedObjPath(path);
        for (String key : keyParameters(def)) {
            ParameterDef p = def.parameter(key).orElseThrow();
            String value;
            try {
                value = GetValues.read(row, p);
            } catch (UspException e) {
                throw e.errorCode() == ErrorCode.INTERNAL_ERROR
                        ? new UspException(ErrorCode.INTERNAL_ERROR, "could not read " + path + key, e) : e;
            }
            if (value != null) {
                inst.putUniqueKeys(key, value);
            }
        }
        out.add(inst.build());
        if (!firstLevelOnly) {
            addTablesBelow(row, def, path, supported, out);
        }
    }

    /** Adds the rows of every table below an object, looking through single-instance sub-objects. */
    private static void addTablesBelow(InstantiatedObject obj, ObjectDef def, String path, SupportedDataModel supported,
            List<GetInstancesResp.CurrInstance> out) {
        for (ObjectDef child : supported.childObjects(def.path())) {
            String name = child.name();
            if (child.isMultiInstance()) {
                for (InstantiatedObject row : obj.instances(name)) {
                    addRow(row, child, path + name + "." + row.instanceNumber() + ".", false, supported, out);
                }
            } else {
                InstantiatedObject sub = obj.child(name);
                if (sub != null) {
                    addTablesBelow(sub, child, path + name + ".", supported, out);
                }
            }
        }
    }

    /** Each parameter of each unique key of a table, once, in key order. */
    private static Set<String> keyParameters(ObjectDef def) {
        Set<String> names = new LinkedHashSet<>();
        for (UniqueKey k : def.uniqueKeys()) {
            names.addAll(k.parameters());
        }
        return names;
    }

    private static ObjectDef objectDef(SupportedDataModel supported, String objectPath) {
        return supported.object(objectPath).orElseThrow(
                () -> new IllegalStateException("resolved object not in the supported model: " + objectPath));
    }
}
