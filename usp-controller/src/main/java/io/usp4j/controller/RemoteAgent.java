package io.usp4j.controller;

import io.usp4j.core.proto.msg.Add;
import io.usp4j.core.proto.msg.AddResp;
import io.usp4j.core.proto.msg.Delete;
import io.usp4j.core.proto.msg.DeleteResp;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.GetInstances;
import io.usp4j.core.proto.msg.GetInstancesResp;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.GetSupportedDM;
import io.usp4j.core.proto.msg.GetSupportedDMResp;
import io.usp4j.core.proto.msg.GetSupportedProtocol;
import io.usp4j.core.proto.msg.GetSupportedProtocolResp;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Operate;
import io.usp4j.core.proto.msg.OperateResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.core.proto.msg.Set;
import io.usp4j.core.proto.msg.SetResp;
import io.usp4j.core.record.ProtocolVersion;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.MessageTransport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An Agent as a {@link UspController} reaches it: its Endpoint ID, the transport and the address on it.
 * Obtained from {@link UspController#agent}; cheap, and any number may view the same Agent.
 *
 * <p><b>Answers.</b> {@link #send} completes with the answering Message. The typed calls ({@link #get},
 * {@link #set}...) complete with the Response of the matching type. Both fail with
 * {@link UspErrorException} when the Agent answers with an {@code Error} Message, with
 * {@link java.util.concurrent.TimeoutException} when no answer comes in time, with
 * {@link io.usp4j.core.transport.TransportException} when the Record cannot be sent, and the typed calls with
 * {@link UnexpectedResponseException} for a Response of another type. Failures of single paths or objects
 * inside a Response ({@code err_code} of a Get result, {@code oper_failure} of an Add or Set,
 * {@code cmd_failure} of an Operate) are not failures of the message: they stay in the Response for the
 * caller to read, since the rest of it is valid. The exception is {@link #subscribe}, which needs its one
 * object and fails with {@link UspErrorException} when the Agent refuses it.
 *
 * <p>Thread-safe; futures complete on the controller's executor.
 */
public final class RemoteAgent {
    private final UspController controller;
    private final String endpointId;
    private final MessageTransport transport;
    private final Destination destination;
    private final UspController.AgentState state;

    RemoteAgent(UspController controller, String endpointId, MessageTransport transport, Destination destination,
            UspController.AgentState state) {
        this.controller = controller;
        this.endpointId = endpointId;
        this.transport = transport;
        this.destination = destination;
        this.state = state;
    }

    /** The Agent's Endpoint ID. */
    public String endpointId() {
        return endpointId;
    }

    /** The transport requests go out on. */
    public MessageTransport transport() {
        return transport;
    }

    /** The Agent's address on that transport. */
    public Destination destination() {
        return destination;
    }

    /** The controller this view belongs to. */
    public UspController controller() {
        return controller;
    }

    // ------------------------------------------------------------------ any request

    /**
     * Sends a request and waits, up to the controller's default timeout, for its answer.
     *
     * @return completes with the Response Message; fails as the class comment says
     * @throws IllegalStateException when the controller is not started or is closed
     */
    public CompletableFuture<Msg> send(Request request) {
        return send(request, controller.defaultTimeout());
    }

    /**
     * Sends a request and waits up to {@code timeout} for its answer.
     *
     * @throws IllegalStateException when the controller is not started or is closed
     */
    public CompletableFuture<Msg> send(Request request, Duration timeout) {
        return controller.request(this, request, timeout);
    }

    /**
     * Sends a request that gets no answer (a Notify or an Operate whose {@code send_resp} is false).
     *
     * @return completes with the {@code msg_id} once the transport took the Record
     * @throws IllegalStateException when the controller is not started or is closed
     */
    public CompletableFuture<String> sendWithoutAnswer(Request request) {
        return controller.requestWithoutAnswer(this, request);
    }

    // ------------------------------------------------------------------ typed requests

    /**
     * Get.
     *
     * @param paths Parameter, Object or Search Paths
     * @param maxDepth 0 for everything below, 1 for the addressed objects' own parameters, and so on
     */
    public CompletableFuture<GetResp> get(List<String> paths, int maxDepth) {
        return typed(Request.newBuilder().setGet(Get.newBuilder().addAllParamPaths(paths).setMaxDepth(maxDepth)).build(),
                Response.RespTypeCase.GET_RESP, Response::getGetResp);
    }

    /** Get without a depth limit. */
    public CompletableFuture<GetResp> get(String... paths) {
        return get(List.of(paths), 0);
    }

    /**
     * Set with {@code allow_partial} false, every parameter required: all or nothing. Parameters are grouped
     * into one {@code UpdateObject} per object path (the path up to the last dot).
     *
     * @param values full Parameter Paths (Search Paths allowed in the object part) to their new values
     * @throws IllegalArgumentException when a path has no object part
     */
    public CompletableFuture<SetResp> set(Map<String, String> values) {
        Map<String, Set.UpdateObject.Builder> byObject = new LinkedHashMap<>();
        values.forEach((path, value) -> {
            int dot = path.lastIndexOf('.');
            if (dot <= 0 || dot == path.length() - 1) {
                throw new IllegalArgumentException("not a Parameter Path: " + path);
            }
            byObject.computeIfAbsent(path.substring(0, dot + 1), p -> Set.UpdateObject.newBuilder().setObjPath(p))
                    .addParamSettings(Set.UpdateParamSetting.newBuilder().setParam(path.substring(dot + 1))
                            .setValue(value).setRequired(true));
        });
        Set.Builder set = Set.newBuilder().setAllowPartial(false);
        byObject.values().forEach(set::addUpdateObjs);
        return set(set.build());
    }

    /** Any Set. */
    public CompletableFuture<SetResp> set(Set set) {
        return typed(Request.newBuilder().setSet(set).build(), Response.RespTypeCase.SET_RESP, Response::getSetResp);
    }

    /**
     * Add of one object with {@code allow_partial} false, every parameter required.
     *
     * @param objectPath the table ({@code Device.LocalAgent.Subscription.})
     * @param params parameter names relative to the new instance, to values
     */
    public CompletableFuture<AddResp> add(String objectPath, Map<String, String> params) {
        Add.CreateObject.Builder obj = Add.CreateObject.newBuilder().setObjPath(objectPath);
        params.forEach((k, v) -> obj.addParamSettings(Add.CreateParamSetting.newBuilder().setParam(k).setValue(v).setRequired(true)));
        return add(Add.newBuilder().setAllowPartial(false).addCreateObjs(obj).build());
    }

    /** Any Add. */
    public CompletableFuture<AddResp> add(Add add) {
        return typed(Request.newBuilder().setAdd(add).build(), Response.RespTypeCase.ADD_RESP, Response::getAddResp);
    }

    /**
     * Delete with {@code allow_partial} false.
     *
     * @param objectPaths Object Instance Paths or Search Paths
     */
    public CompletableFuture<DeleteResp> delete(List<String> objectPaths) {
        return delete(Delete.newBuilder().setAllowPartial(false).addAllObjPaths(objectPaths).build());
    }

    /** Any Delete. */
    public CompletableFuture<DeleteResp> delete(Delete delete) {
        return typed(Request.newBuilder().setDelete(delete).build(), Response.RespTypeCase.DELETE_RESP, Response::getDeleteResp);
    }

    /**
     * Operate with a command key of the controller's making.
     *
     * @see #operate(String, String, Map, boolean)
     */
    public CompletableFuture<OperateResp> operate(String command, Map<String, String> args, boolean sendResp) {
        return operate(command, controller.nextMsgId(), args, sendResp);
    }

    /**
     * Operate.
     *
     * @param command a Command Path or Search Path ({@code Device.Reboot()})
     * @param commandKey the {@code command_key} an OperationComplete will carry
     * @param args input arguments
     * @param sendResp whether the Agent answers; when false the future completes with an empty OperateResp
     *     as soon as the Record is sent, and whatever the Agent still answers is dropped
     */
    public CompletableFuture<OperateResp> operate(String command, String commandKey, Map<String, String> args, boolean sendResp) {
        Request r = Request.newBuilder().setOperate(Operate.newBuilder().setCommand(command).setCommandKey(commandKey)
                .setSendResp(sendResp).putAllInputArgs(args)).build();
        if (!sendResp) {
            return sendWithoutAnswer(r).thenApply(id -> OperateResp.getDefaultInstance());
        }
        return typed(r, Response.RespTypeCase.OPERATE_RESP, Response::getOperateResp);
    }

    /**
     * GetInstances.
     *
     * @param paths Object Paths or Search Paths of tables
     * @param firstLevelOnly only the addressed tables' own instances, not those of tables below them
     */
    public CompletableFuture<GetInstancesResp> instances(List<String> paths, boolean firstLevelOnly) {
        return typed(Request.newBuilder().setGetInstances(GetInstances.newBuilder().addAllObjPaths(paths)
                .setFirstLevelOnly(firstLevelOnly)).build(), Response.RespTypeCase.GET_INSTANCES_RESP, Response::getGetInstancesResp);
    }

    /**
     * GetSupportedDM.
     *
     * @param paths Object Paths in supported form ({@code Device.WiFi.SSID.{i}.}) or instantiated form, or
     *     Command, Event or Parameter Paths
     * @param firstLevelOnly the objects and their direct children only
     * @param commands return commands
     * @param events return events
     * @param params return parameters (and unique key sets)
     */
    public CompletableFuture<GetSupportedDMResp> supportedDm(List<String> paths, boolean firstLevelOnly, boolean commands,
            boolean events, boolean params) {
        return typed(Request.newBuilder().setGetSupportedDm(GetSupportedDM.newBuilder().addAllObjPaths(paths)
                        .setFirstLevelOnly(firstLevelOnly).setReturnCommands(commands).setReturnEvents(events)
                        .setReturnParams(params).setReturnUniqueKeySets(params)).build(),
                Response.RespTypeCase.GET_SUPPORTED_DM_RESP, Response::getGetSupportedDmResp);
    }

    /** GetSupportedDM of everything below the paths: commands, events, parameters, unique keys. */
    public CompletableFuture<GetSupportedDMResp> supportedDm(List<String> paths) {
        return supportedDm(paths, false, true, true, true);
    }

    /**
     * GetSupportedProtocol.
     *
     * @param controllerVersions this controller's versions, comma-separated ({@code "1.3,1.4"})
     */
    public CompletableFuture<GetSupportedProtocolResp> supportedProtocol(String controllerVersions) {
        return typed(Request.newBuilder().setGetSupportedProtocol(GetSupportedProtocol.newBuilder()
                        .setControllerSupportedProtocolVersions(controllerVersions)).build(),
                Response.RespTypeCase.GET_SUPPORTED_PROTOCOL_RESP, Response::getGetSupportedProtocolResp);
    }

    /** GetSupportedProtocol announcing the versions usp4j speaks ({@link ProtocolVersion#SUPPORTED}). */
    public CompletableFuture<GetSupportedProtocolResp> supportedProtocol() {
        return supportedProtocol(ProtocolVersion.formatList(ProtocolVersion.SUPPORTED));
    }

    private <T> CompletableFuture<T> typed(Request request, Response.RespTypeCase expected, Function<Response, T> extract) {
        return send(request).thenApply(msg -> {
            Response r = msg.getBody().getResponse();
            if (r.getRespTypeCase() != expected) {
                throw new UnexpectedResponseException(endpointId + " answered " + msg.getHeader().getMsgId() + " with "
                        + r.getRespTypeCase() + " instead of " + expected);
            }
            return extract.apply(r);
        });
    }

    // ------------------------------------------------------------------ notifications

    /**
     * Adds a listener for every notification from this Agent.
     *
     * @return removes the listener when closed
     */
    public ListenerRegistration onNotification(NotificationListener listener) {
        Objects.requireNonNull(listener, "listener");
        state.listeners.add(listener);
        return () -> state.listeners.remove(listener);
    }

    /**
     * Subscribes with default options (enabled, NotifRetry true, not persistent, an ID of the controller's
     * making).
     *
     * @see #subscribe(SubscriptionOptions, NotificationListener)
     */
    public CompletableFuture<Subscription> subscribe(NotifType type, List<String> referenceList, NotificationListener listener) {
        return subscribe(SubscriptionOptions.builder(type).references(referenceList).build(), listener);
    }

    /**
     * Adds a {@code Device.LocalAgent.Subscription.{i}.} row with {@code Enable} true and the given options,
     * and routes the notifications whose {@code subscription_id} is its {@code ID} to {@code listener}
     * (besides the Agent's and the controller's listeners). The listener is in place before the Add goes
     * out, so no early notification is missed. For the Agent to notify, this controller must have an entry in
     * its {@code Device.LocalAgent.Controller.} table (the row's Recipient).
     *
     * @return completes with the subscription; fails with {@link UspErrorException} when the Agent refuses
     *     the Add (as a whole or for the object), otherwise as {@link #send}
     */
    public CompletableFuture<Subscription> subscribe(SubscriptionOptions options, NotificationListener listener) {
        Objects.requireNonNull(listener, "listener");
        String id = options.id().isEmpty() ? "usp4j-" + controller.nextMsgId() : options.id();
        if (state.subscriptions.putIfAbsent(id, listener) != null) {
            throw new IllegalArgumentException("a listener is already subscribed as '" + id + "' on " + endpointId);
        }
        ListenerRegistration registration = () -> state.subscriptions.remove(id, listener);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Enable", "true");
        params.put("ID", id);
        params.put("NotifType", options.type().dataModelName());
        params.put("ReferenceList", String.join(",", options.referenceList()));
        params.put("NotifRetry", Boolean.toString(options.notifRetry()));
        params.put("Persistent", Boolean.toString(options.persistent()));
        if (!options.timeToLive().isZero()) {
            params.put("TimeToLive", Long.toString(options.timeToLive().toSeconds()));
        }
        if (!options.notifExpiration().isZero()) {
            params.put("NotifExpiration", Long.toString(options.notifExpiration().toSeconds()));
        }
        CompletableFuture<AddResp> added;
        try {
            added = add("Device.LocalAgent.Subscription.", params);
        } catch (RuntimeException e) {
            registration.close();
            throw e;
        }
        CompletableFuture<Subscription> result = added.thenApply(resp -> {
            if (resp.getCreatedObjResultsCount() != 1) {
                throw new UnexpectedResponseException(endpointId + " answered an Add of one object with "
                        + resp.getCreatedObjResultsCount() + " results");
            }
            AddResp.CreatedObjectResult.OperationStatus status = resp.getCreatedObjResults(0).getOperStatus();
            if (status.hasOperFailure()) {
                throw new UspErrorException(status.getOperFailure().getErrCode(), status.getOperFailure().getErrMsg(),
                        List.of(), "", resp.getCreatedObjResults(0).getRequestedPath());
            }
            return new Subscription(this, status.getOperSuccess().getInstantiatedPath(), id, registration);
        });
        result.whenComplete((s, failure) -> {
            if (failure != null) {
                registration.close();
            }
        });
        return result;
    }

    // ------------------------------------------------------------------ reachability

    /**
     * True once the Agent is known to be reachable: its transport reported the channel to it up, it sent a
     * connect Record, or any Record; false again after the channel went down or it sent a disconnect Record.
     */
    public boolean isReachable() {
        return state.reachable;
    }

    /** Completes when the Agent is (or becomes) reachable, as {@link #isReachable} tells. */
    public CompletableFuture<Void> whenReachable() {
        return state.whenReachable();
    }

    @Override
    public String toString() {
        return "Agent " + endpointId + " via " + transport.protocol() + " " + destination.address();
    }
}
