package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.ElementKind;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.InstantiatedObject;
import io.usp4j.core.path.resolve.Resolution;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Get (TR-369 "The Get Message"): the values of parameters, objects and searches, one
 * {@code RequestedPathResult} per requested path, each evaluated on its own through the message's one
 * {@link ModelView}.
 *
 * <ul>
 *   <li><b>Parameter path</b> ({@code ...Subscription.*.Enable}): one {@code ResolvedPathResult} per object
 *       holding a matched parameter, named by the object's path, holding only that parameter (R-GET.2,
 *       R-GET.3).</li>
 *   <li><b>Object, instance or table path, or a search for them</b> (a Partial Path): every object and object
 *       instance of the subtree gets its own {@code ResolvedPathResult} with parameter names relative to it
 *       (USP 1.2+), depth first in document order, table rows by instance number. An object is listed when
 *       its Supported Data Model defines at least one parameter (so an object with none, like a table's
 *       container, adds nothing: R-GET.1b); parameters without a value at the moment are left out. A table
 *       path ({@code Device.LocalAgent.Subscription.}) stands for its rows.</li>
 *   <li><b>max_depth</b> (R-GET.5): 0 = the whole subtree; 1 = only the parameters of each resolved object
 *       (for a table path, of each row); 2 = plus its direct sub-objects and rows of direct sub-tables; and
 *       so on. A row of a sub-table is one level, like the spec's "first level Sub-Objects".</li>
 *   <li><b>Errors</b> go in the path's {@code err_code}/{@code err_msg}, never in an Error message: 7008 for
 *       syntax and invalid search expressions, 7026 for a path not in the Supported Data Model, for a
 *       non-search path that matches nothing in the Instantiated Data Model (R-GET.0, e.g. a missing
 *       instance) and for a command or event path (R-GET.0: it matches no Object or Parameter; Get reads only
 *       objects and parameters). A search that matches nothing is an empty success (R-GET.1a).</li>
 *   <li><b>Firmware failures</b>: a parameter whose firmware read fails (7003 from the view) fails the
 *       requested path that reached it with 7003 and a message naming the parameter; the other requested
 *       paths are unaffected. Partial results are not returned, so a Controller never mistakes a truncated
 *       subtree for a complete one.</li>
 *   <li><b>Values</b>: secured, hidden and write-only parameters read as "" ({@link GetValues}).</li>
 * </ul>
 * Access control (R-GET.1, R-GET.4) is not applied yet: once roles exist, unreadable objects must behave as
 * absent from the Supported Data Model and unreadable parameters must be left out of {@code result_params}.
 *
 * <p>The resolver reads a parameter once to see that it has a value and this handler reads it again for
 * the response; group getters are read once per view, single getters twice for parameter paths.
 *
 * <p>Stateless; runs on the agent thread.
 */
final class GetHandler implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(GetHandler.class);

    @Override
    public Response handle(RequestContext ctx, Request request) {
        Get get = request.getGet();
        long maxDepth = Integer.toUnsignedLong(get.getMaxDepth());
        ModelView view = ctx.view();
        SupportedDataModel supported = ctx.model().supported();
        GetResp.Builder resp = GetResp.newBuilder();
        for (String requested : get.getParamPathsList()) {
            resp.addReqPathResults(requestedPath(view, supported, requested, maxDepth));
        }
        return Response.newBuilder().setGetResp(resp).build();
    }

    private static GetResp.RequestedPathResult requestedPath(ModelView view, SupportedDataModel supported,
            String requested, long maxDepth) {
        GetResp.RequestedPathResult.Builder out = GetResp.RequestedPathResult.newBuilder().setRequestedPath(requested);
        try {
            PathName path = PathName.parse(requested);
            if (path.kind() == ElementKind.COMMAND || path.kind() == ElementKind.EVENT) {
                throw new UspException(ErrorCode.INVALID_PATH, "Invalid path " + requested
                        + ": Get reads objects and parameters; a " + (path.kind() == ElementKind.COMMAND
                        ? "command" : "event") + " has no value");
            }
            Resolution resolution = view.resolve(path);
            if (resolution.addressedElementMissing()) {
                throw new UspException(ErrorCode.INVALID_PATH,
                        "Invalid path " + requested + ": it matches nothing in the instantiated data model");
            }
            out.addAllResolvedPathResults(collect(supported, resolution.paths(), maxDepth));
        } catch (UspException e) {
            LOG.debug("Get {} failed: {} {}", requested, e.errorCode(), e.getMessage());
            out.clearResolvedPathResults()
                    .setErrCode(e.errorCode().code())
                    .setErrMsg(e.getMessage() == null ? e.errorCode().meaning() : e.getMessage());
        }
        return out.build();
    }

    private static List<GetResp.ResolvedPathResult> collect(SupportedDataModel supported,
            List<ResolvedPath> paths, long maxDepth) {
        Map<String, GetResp.ResolvedPathResult.Builder> results = new LinkedHashMap<>();
        for (ResolvedPath rp : paths) {
            switch (rp.target()) {
                case PARAMETER -> {
                    String objectPath = rp.path().substring(0, rp.path().length() - rp.name().length());
                    ParameterDef def = objectDef(supported, objectPath).parameter(rp.name()).orElseThrow(
                            () -> new IllegalStateException("resolved parameter not in the supported model: " + rp.path()));
                    String value = read(rp.object(), def, rp.path());
                    if (value != null) {
                        results.computeIfAbsent(objectPath, GetHandler::result).putResultParams(rp.name(), value);
                    }
                }
                case OBJECT, INSTANCE -> walk(rp.object(), objectDef(supported, rp.path()), rp.path(), 1, maxDepth,
                        supported, results);
                case TABLE -> {
                    ObjectDef rowDef = objectDef(supported, rp.path());
                    for (InstantiatedObject row : rp.object().instances(rp.name())) {
                        walk(row, rowDef, rp.path() + row.instanceNumber() + ".", 1, maxDepth, supported, results);
                    }
                }
                default -> throw new IllegalStateException("Get resolved " + rp.path() + " to a " + rp.target());
            }
        }
        List<GetResp.ResolvedPathResult> out = new ArrayList<>(results.size());
        results.values().forEach(b -> out.add(b.build()));
        return out;
    }

    /** Adds an object's own parameters, then (depth permitting) each sub-object's, depth first. */
    private static void walk(InstantiatedObject obj, ObjectDef def, String path, long level, long maxDepth,
            SupportedDataModel supported, Map<String, GetResp.ResolvedPathResult.Builder> results) {
        if (!def.parameters().isEmpty()) {
            GetResp.ResolvedPathResult.Builder r = results.computeIfAbsent(path, GetHandler::result);
            for (ParameterDef p : def.parameters().values()) {
                String value = read(obj, p, path + p.name());
                if (value != null) {
                    r.putResultParams(p.name(), value);
                }
            }
        }
        if (maxDepth != 0 && level >= maxDepth) {
            return;
        }
        for (ObjectDef child : supported.childObjects(def.path())) {
            String name = child.name();
            if (child.isMultiInstance()) {
                for (InstantiatedObject row : obj.instances(name)) {
                    walk(row, child, path + name + "." + row.instanceNumber() + ".", level + 1, maxDepth, supported,
                            results);
                }
            } else {
                InstantiatedObject sub = obj.child(name);
                if (sub != null) {
                    walk(sub, child, path + name + ".", level + 1, maxDepth, supported, results);
                }
            }
        }
    }

    private static String read(InstantiatedObject obj, ParameterDef def, String fullPath) {
        try {
            return GetValues.read(obj, def);
        } catch (UspException e) {
            if (e.errorCode() == ErrorCode.INTERNAL_ERROR) {
                throw new UspException(ErrorCode.INTERNAL_ERROR, "could not read " + fullPath, e);
            }
            throw e;
        }
    }

    private static ObjectDef objectDef(SupportedDataModel supported, String objectPath) {
        return supported.object(objectPath).orElseThrow(
                () -> new IllegalStateException("resolved object not in the supported model: " + objectPath));
    }

    private static GetResp.ResolvedPathResult.Builder result(String path) {
        return GetResp.ResolvedPathResult.newBuilder().setResolvedPath(path);
    }
}
