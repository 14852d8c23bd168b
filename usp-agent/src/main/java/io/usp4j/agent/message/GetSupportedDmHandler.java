package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.PathSegment;
import io.usp4j.core.proto.msg.GetSupportedDM;
import io.usp4j.core.proto.msg.GetSupportedDMResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.datamodel.schema.ArgumentObjectDef;
import io.usp4j.datamodel.schema.Arguments;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.EventDef;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.UniqueKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GetSupportedDM (TR-369 "The GetSupportedDM Message"): what the Supported Data Model holds, one
 * {@code RequestedObjectResult} per requested path.
 *
 * <ul>
 *   <li><b>Paths</b> are read with {@link PathName#parseSupported}: Supported Data Model paths with
 *       {@code {i}} (the final {@code {i}.} of a table may be left out), or Instantiated Data Model paths with
 *       instance numbers, which must exist ("as long as the Object exists"): the object with the last instance
 *       number is looked up in the message's {@link ModelView}, 7016 when it is absent. Searches, wildcards and
 *       keys are 7008. A name the Supported Data Model lacks is 7026 (which, for GetSupportedDM, means "not in
 *       the Supported Data Model").</li>
 *   <li><b>Object paths</b>: the object, then (first_level_only=false) every object below it, depth first in
 *       document order, or (first_level_only=true) its direct child objects. Parameters, commands and events
 *       are listed, as the {@code return_*} flags ask, for the requested object and, with
 *       first_level_only=false, for every object below it; never for the direct children of a first-level
 *       answer. Unique key sets are listed for every reported object when asked, children of a first-level
 *       answer included (as the specification's example shows); a single-instance object has none.</li>
 *   <li><b>Parameter, command and event paths</b> (USP 1.4): one {@code SupportedObjectResult} for the object
 *       holding the element, with that element alone; first_level_only and the {@code return_*} flags do not
 *       apply. A path without the final dot that names no parameter but names an object
 *       ({@code Device.LocalAgent.Subscription}, as TP-469 1.99 writes it) is read as that object path.</li>
 *   <li><b>Values</b>: object access and parameter access from the schema (writeOnceReadOnly reports
 *       PARAM_READ_WRITE); {@code value_type} is the TR-106 base type, except that a list-valued parameter is
 *       PARAM_STRING, because its value is a comma-separated string, not a value of the item type;
 *       {@code value_change} is VALUE_CHANGE_WILL_IGNORE for {@code activeNotify="canDeny"} parameters and
 *       VALUE_CHANGE_ALLOWED otherwise; commands report CMD_SYNC or CMD_ASYNC; argument names are relative:
 *       top-level arguments first, then the parameters of each argument object with its path
 *       ({@code Result.{i}.SSID}), as in the specification's example.</li>
 *   <li><b>data_model_inst_uri</b> is left empty: the Supported Data Model merges several documents (TR-181,
 *       the agent's own objects, vendor extensions) and does not record which one defines an object, so no URI
 *       can be named truthfully. <b>divergent_paths</b> is always empty: every instance of an object has the
 *       same supported model here (no mount points).</li>
 * </ul>
 * Access control (R-GSP.0) is not applied yet: once roles exist, unreadable elements must be treated as
 * absent.
 *
 * <p>Stateless; runs on the agent thread.
 */
final class GetSupportedDmHandler implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(GetSupportedDmHandler.class);

    @Override
    public Response handle(RequestContext ctx, Request request) {
        GetSupportedDM req = request.getGetSupportedDm();
        SupportedDataModel supported = ctx.model().supported();
        GetSupportedDMResp.Builder resp = GetSupportedDMResp.newBuilder();
        for (String requested : req.getObjPathsList()) {
            resp.addReqObjResults(requestedObject(ctx, supported, req, requested));
        }
        return Response.newBuilder().setGetSupportedDmResp(resp).build();
    }

    private static GetSupportedDMResp.RequestedObjectResult requestedObject(RequestContext ctx,
            SupportedDataModel supported, GetSupportedDM req, String requested) {
        GetSupportedDMResp.RequestedObjectResult.Builder out =
                GetSupportedDMResp.RequestedObjectResult.newBuilder().setReqObjPath(requested);
        try {
            PathName path = PathName.parseSupported(requested);
            switch (path.kind()) {
                case OBJECT -> {
                    ObjectDef def = supported.object(path.toString()).orElseThrow(() -> notSupported(requested));
                    requireInstances(ctx, path, requested);
                    objectResults(supported, def, req, out);
                }
                case PARAMETER -> {
                    Optional<ParameterDef> param = supported.parameter(requested);
                    if (param.isEmpty()) {
                        ObjectDef def = supported.object(requested + ".").orElseThrow(() -> notSupported(requested));
                        requireInstances(ctx, path, requested);
                        objectResults(supported, def, req, out);
                    } else {
                        requireInstances(ctx, path, requested);
                        out.addSupportedObjs(objectHeader(supported.owner(requested).orElseThrow())
                                .addSupportedParams(param(param.get())));
                    }
                }
                case COMMAND -> {
                    CommandDef command = supported.command(requested).orElseThrow(() -> notSupported(requested));
                    requireInstances(ctx, path, requested);
                    out.addSupportedObjs(objectHeader(supported.owner(requested).orElseThrow())
                            .addSupportedCommands(command(command)));
                }
                case EVENT -> {
                    EventDef event = supported.event(requested).orElseThrow(() -> notSupported(requested));
                    requireInstances(ctx, path, requested);
                    out.addSupportedObjs(objectHeader(supported.owner(requested).orElseThrow())
                            .addSupportedEvents(event(event)));
                }
                default -> throw new IllegalStateException("unknown path kind " + path.kind());
            }
        } catch (UspException e) {
            LOG.debug("GetSupportedDM {} failed: {} {}", requested, e.errorCode(), e.getMessage());
            out.clearSupportedObjs()
                    .setErrCode(e.errorCode().code())
                    .setErrMsg(e.getMessage() == null ? e.errorCode().meaning() : e.getMessage());
        }
        return out.build();
    }

    private static UspException notSupported(String requested) {
        return new UspException(ErrorCode.INVALID_PATH,
                "Invalid path " + requested + ": it is not in the supported data model");
    }

    /**
     * For an Instantiated Data Model path, checks that the object with the last instance number exists (which
     * implies its ancestors do).
     *
     * @throws UspException 7016 when it does not
     */
    private static void requireInstances(RequestContext ctx, PathName path, String requested) {
        List<PathSegment> segs = path.segments();
        int last = -1;
        for (int k = 0; k < segs.size(); k++) {
            if (segs.get(k) instanceof PathSegment.InstanceNumber) {
                last = k;
            }
        }
        if (last < 0) {
            return;
        }
        StringBuilder prefix = new StringBuilder();
        for (int k = 0; k <= last; k++) {
            PathSegment s = segs.get(k);
            prefix.append(s instanceof PathSegment.InstanceNumber in ? Long.toString(in.number())
                    : ((PathSegment.Name) s).name()).append('.');
        }
        if (ctx.view().object(prefix.toString()) == null) {
            throw new UspException(ErrorCode.OBJECT_DOES_NOT_EXIST,
                    "Object does not exist: " + prefix + " (named by " + requested + ")");
        }
    }

    private static void objectResults(SupportedDataModel supported, ObjectDef def, GetSupportedDM req,
            GetSupportedDMResp.RequestedObjectResult.Builder out) {
        out.addSupportedObjs(object(def, req, true));
        if (req.getFirstLevelOnly()) {
            for (ObjectDef child : supported.childObjects(def.path())) {
                out.addSupportedObjs(object(child, req, false));
            }
        } else {
            List<ObjectDef> below = new ArrayList<>();
            descendants(supported, def, below);
            for (ObjectDef d : below) {
                out.addSupportedObjs(object(d, req, true));
            }
        }
    }

    private static void descendants(SupportedDataModel supported, ObjectDef def, List<ObjectDef> out) {
        for (ObjectDef child : supported.childObjects(def.path())) {
            out.add(child);
            descendants(supported, child, out);
        }
    }

    private static GetSupportedDMResp.SupportedObjectResult.Builder objectHeader(ObjectDef def) {
        return GetSupportedDMResp.SupportedObjectResult.newBuilder()
                .setSupportedObjPath(def.path())
                .setAccessValue(def.access().protoNumber())
                .setIsMultiInstance(def.isMultiInstance());
    }

    private static GetSupportedDMResp.SupportedObjectResult object(ObjectDef def, GetSupportedDM req, boolean elements) {
        GetSupportedDMResp.SupportedObjectResult.Builder b = objectHeader(def);
        if (elements && req.getReturnParams()) {
            def.parameters().values().forEach(p -> b.addSupportedParams(param(p)));
        }
        if (elements && req.getReturnCommands()) {
            def.commands().values().forEach(c -> b.addSupportedCommands(command(c)));
        }
        if (elements && req.getReturnEvents()) {
            def.events().values().forEach(e -> b.addSupportedEvents(event(e)));
        }
        if (req.getReturnUniqueKeySets()) {
            for (UniqueKey k : def.uniqueKeys()) {
                b.addUniqueKeySets(GetSupportedDMResp.SupportedUniqueKeySet.newBuilder().addAllKeyNames(k.parameters()));
            }
        }
        return b.build();
    }

    private static GetSupportedDMResp.SupportedParamResult param(ParameterDef p) {
        return GetSupportedDMResp.SupportedParamResult.newBuilder()
                .setParamName(p.name())
                .setAccessValue(p.access().protoNumber())
                .setValueTypeValue(p.syntax().isList()
                        ? GetSupportedDMResp.ParamValueType.PARAM_STRING_VALUE
                        : p.type().protoNumber())
                .setValueChange(p.activeNotify().mayIgnoreValueChange()
                        ? GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_WILL_IGNORE
                        : GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_ALLOWED)
                .build();
    }

    private static GetSupportedDMResp.SupportedCommandResult command(CommandDef c) {
        return GetSupportedDMResp.SupportedCommandResult.newBuilder()
                .setCommandName(c.name())
                .addAllInputArgNames(argumentNames(c.input()))
                .addAllOutputArgNames(argumentNames(c.output()))
                .setCommandType(c.async() ? GetSupportedDMResp.CmdType.CMD_ASYNC : GetSupportedDMResp.CmdType.CMD_SYNC)
                .build();
    }

    private static GetSupportedDMResp.SupportedEventResult event(EventDef e) {
        return GetSupportedDMResp.SupportedEventResult.newBuilder()
                .setEventName(e.name())
                .addAllArgNames(argumentNames(e.arguments()))
                .build();
    }

    /** Top-level argument names, then each argument object's parameters by relative path. */
    private static List<String> argumentNames(Arguments args) {
        List<String> names = new ArrayList<>();
        args.parameters().forEach(p -> names.add(p.name()));
        for (ArgumentObjectDef o : args.objects()) {
            o.parameters().forEach(p -> names.add(o.path() + p.name()));
        }
        return names;
    }
}
