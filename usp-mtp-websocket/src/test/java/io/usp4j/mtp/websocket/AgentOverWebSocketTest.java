package io.usp4j.mtp.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.notify.NotificationDelivery.Policy;
import io.usp4j.agent.notify.delivery.NotificationOutbox;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Add;
import io.usp4j.core.proto.msg.AddResp;
import io.usp4j.core.proto.msg.Delete;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.GetInstances;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.GetSupportedDM;
import io.usp4j.core.proto.msg.GetSupportedProtocol;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.NotifyResp;
import io.usp4j.core.proto.msg.Operate;
import io.usp4j.core.proto.msg.OperateResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.core.proto.msg.Set;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real {@link UspAgent} over WebSocket, both ways round: as a client dialling a Controller's bare Netty
 * server ({@link TestWsServer}), and as a server that a Controller made of the JDK WebSocket client dials.
 * Every request type is answered, a ValueChange subscription notifies, and after the Controller's side
 * restarts a notification raised meanwhile arrives on the new session.
 */
@Timeout(90)
class AgentOverWebSocketTest {
    static final String AGENT = "proto::ws-agent-e2e";
    static final String CONTROLLER = "proto::ws-controller-e2e";

    /** Which end dials. */
    enum Mode {
        /** The agent dials the Controller (Controller.{i}.MTP.{i}.WebSocket.). */
        AGENT_CLIENT,
        /** The Controller dials the agent (LocalAgent.MTP.{i}.WebSocket.). */
        AGENT_SERVER
    }

    UspAgent agent;
    TestWsServer server;
    WebSocketServerTransport listener;
    WebSocketClientTransport dialler;
    final AtomicReference<JdkClient> jdk = new AtomicReference<>();
    Mode mode;

    @AfterEach
    void stopAll() {
        if (jdk.get() != null) {
            jdk.get().close();
        }
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    void start(Mode mode) throws Exception {
        this.mode = mode;
        UspAgent.Builder b = UspAgent.builder().endpointId(AGENT);
        if (mode == Mode.AGENT_CLIENT) {
            server = new TestWsServer("/usp").start();
            dialler = new WebSocketClientTransport(WebSocketClientSettings.builder(AGENT, "127.0.0.1", server.port())
                    .path("/usp").peerEndpointId(CONTROLLER).sessionRetry(Duration.ofMillis(100), 2000)
                    .keepAlive(Duration.ofSeconds(5)).build());
            b.transport(dialler);
        } else {
            listener = new WebSocketServerTransport(WebSocketServerSettings.builder(AGENT, "127.0.0.1", 0)
                    .path("/usp").keepAlive(Duration.ofSeconds(5)).build());
            b.transport(listener);
        }
        agent = b.build();
        agent.start();
        controllerConnects();
    }

    /** The Controller's side (re)opens the link and sees the agent's websocket_connect Record first. */
    void controllerConnects() throws Exception {
        if (mode == Mode.AGENT_CLIENT) {
            Recorder.await(dialler::isConnected);
        } else {
            jdk.set(JdkClient.open(listener.endpointUri() + "?eid=" + UspWebSocket.encodeEid(CONTROLLER)));
        }
        Record first = RecordCodec.decode(nextRecordBytes());
        assertThat(first.hasWebsocketConnect()).as("the connect Record comes first").isTrue();
        assertThat(first.getFromId()).isEqualTo(AGENT);
        assertThat(first.getToId()).isEqualTo(CONTROLLER);
    }

    void controllerGoesAway() throws Exception {
        if (mode == Mode.AGENT_CLIENT) {
            server.stop();
            Recorder.await(() -> !dialler.isConnected());
        } else {
            jdk.get().socket.abort();
            Recorder.await(() -> !listener.isConnected(CONTROLLER));
        }
        // The agent has heard it: a notification now waits instead of failing to send.
        Recorder.await(() -> agent.routes().route(CONTROLLER).map(r -> !r.up()).orElse(false));
    }

    void controllerComesBack() throws Exception {
        if (mode == Mode.AGENT_CLIENT) {
            server.start();
        }
        controllerConnects();
    }

    byte[] nextRecordBytes() throws Exception {
        byte[] b = mode == Mode.AGENT_CLIENT ? server.message(20_000) : jdk.get().messages.poll(20, TimeUnit.SECONDS);
        assertThat(b).as("a Record from the agent").isNotNull();
        return b;
    }

    void send(Msg msg) throws Exception {
        byte[] record = RecordCodec.encode(RecordCodec.noSessionContext(AGENT, CONTROLLER, msg));
        if (mode == Mode.AGENT_CLIENT) {
            server.send(record);
        } else {
            jdk.get().send(record);
        }
    }

    Msg receive() throws Exception {
        Record record = RecordCodec.decode(nextRecordBytes());
        assertThat(record.getFromId()).isEqualTo(AGENT);
        assertThat(record.getToId()).isEqualTo(CONTROLLER);
        return MessageCodec.decode(RecordCodec.payload(record));
    }

    /** Sends a request and returns the response body, checking the msg_id. */
    Response call(String msgId, Request request) throws Exception {
        send(Messages.request(msgId, request));
        Msg answer = receive();
        assertThat(answer.getHeader().getMsgId()).isEqualTo(msgId);
        assertThat(answer.getBody().hasError()).as("no Error: %s", answer.getBody().getError()).isFalse();
        return answer.getBody().getResponse();
    }

    static Add.CreateParamSetting param(String name, String value) {
        return Add.CreateParamSetting.newBuilder().setParam(name).setValue(value).setRequired(true).build();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyRequestIsAnsweredAndASubscriptionNotifies(Mode mode) throws Exception {
        start(mode);

        Response gsp = call("gsp", Request.newBuilder().setGetSupportedProtocol(
                GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.4")).build());
        assertThat(gsp.getGetSupportedProtocolResp().getAgentSupportedProtocolVersions()).contains("1.4");

        Response add = call("add", Request.newBuilder().setAdd(Add.newBuilder().addCreateObjs(Add.CreateObject.newBuilder()
                .setObjPath("Device.LocalAgent.Controller.")
                .addParamSettings(param("EndpointID", CONTROLLER))
                .addParamSettings(param("Enable", "true")))).build());
        AddResp.CreatedObjectResult created = add.getAddResp().getCreatedObjResults(0);
        assertThat(created.getOperStatus().hasOperSuccess()).as("%s", created).isTrue();
        String ctrl = created.getOperStatus().getOperSuccess().getInstantiatedPath();
        assertThat(ctrl).matches("Device\\.LocalAgent\\.Controller\\.\\d+\\.");

        Response sub = call("sub", Request.newBuilder().setAdd(Add.newBuilder().addCreateObjs(Add.CreateObject.newBuilder()
                .setObjPath("Device.LocalAgent.Subscription.")
                .addParamSettings(param("ID", "ws-sub"))
                .addParamSettings(param("NotifType", "ValueChange"))
                .addParamSettings(param("ReferenceList", ctrl + "ProvisioningCode"))
                .addParamSettings(param("Enable", "true")))).build());
        assertThat(sub.getAddResp().getCreatedObjResults(0).getOperStatus().hasOperSuccess())
                .as("%s", sub).isTrue();
        String subPath = sub.getAddResp().getCreatedObjResults(0).getOperStatus().getOperSuccess().getInstantiatedPath();

        Response set = call("set", Request.newBuilder().setSet(Set.newBuilder().addUpdateObjs(Set.UpdateObject.newBuilder()
                .setObjPath(ctrl).addParamSettings(Set.UpdateParamSetting.newBuilder()
                        .setParam("ProvisioningCode").setValue("over-ws").setRequired(true)))).build());
        assertThat(set.getSetResp().getUpdatedObjResults(0).getOperStatus().hasOperSuccess()).as("%s", set).isTrue();

        Msg notify = receive();
        Notify n = notify.getBody().getRequest().getNotify();
        assertThat(n.getSubscriptionId()).isEqualTo("ws-sub");
        assertThat(n.getValueChange().getParamPath()).isEqualTo(ctrl + "ProvisioningCode");
        assertThat(n.getValueChange().getParamValue()).isEqualTo("over-ws");

        Response get = call("get", Request.newBuilder().setGet(Get.newBuilder().addParamPaths(ctrl + "ProvisioningCode")).build());
        GetResp.RequestedPathResult result = get.getGetResp().getReqPathResults(0);
        assertThat(result.getErrCode()).isZero();
        assertThat(result.getResolvedPathResults(0).getResultParamsMap()).isEqualTo(Map.of("ProvisioningCode", "over-ws"));

        Response gi = call("gi", Request.newBuilder().setGetInstances(GetInstances.newBuilder()
                .addObjPaths("Device.LocalAgent.Controller.").setFirstLevelOnly(true)).build());
        assertThat(gi.getGetInstancesResp().getReqPathResults(0).getCurrInstsList())
                .anySatisfy(i -> assertThat(i.getInstantiatedObjPath()).isEqualTo(ctrl));

        Response gsdm = call("gsdm", Request.newBuilder().setGetSupportedDm(GetSupportedDM.newBuilder()
                .addObjPaths("Device.LocalAgent.").setFirstLevelOnly(true).setReturnParams(true)).build());
        assertThat(gsdm.getGetSupportedDmResp().getReqObjResults(0).getErrCode()).isZero();
        assertThat(gsdm.getGetSupportedDmResp().getReqObjResults(0).getSupportedObjsList())
                .anySatisfy(o -> assertThat(o.getSupportedObjPath()).isEqualTo("Device.LocalAgent."));

        Response op = call("op", Request.newBuilder().setOperate(Operate.newBuilder()
                .setCommand("Device.ScheduleTimer()").setCommandKey("ws").setSendResp(true)
                .putInputArgs("DelaySeconds", "3600")).build());
        OperateResp.OperationResult opResult = op.getOperateResp().getOperationResults(0);
        assertThat(opResult.getExecutedCommand()).isEqualTo("Device.ScheduleTimer()");
        assertThat(opResult.hasCmdFailure()).as("%s", opResult).isFalse();

        Response del = call("del", Request.newBuilder().setDelete(Delete.newBuilder().addObjPaths(subPath)).build());
        assertThat(del.getDeleteResp().getDeletedObjResults(0).getOperStatus().getOperSuccess().getAffectedPathsList())
                .containsExactly(subPath);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aNotificationRaisedWhileTheControllerIsAwayArrivesWhenItIsBack(Mode mode) throws Exception {
        start(mode);
        // The Controller speaks first, so that the agent knows its route.
        Response gsp = call("hello", Request.newBuilder().setGetSupportedProtocol(
                GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.4")).build());
        assertThat(gsp.hasGetSupportedProtocolResp()).isTrue();

        controllerGoesAway();
        NotificationOutbox.Delivery queued = agent.call(() -> agent.notificationOutbox()
                .send(CONTROLLER, valueChange("queued"), new Policy(true, Duration.ZERO))).get(5, TimeUnit.SECONDS);
        Recorder.await(() -> {
            try {
                return agent.call(() -> agent.notificationOutbox().pending(CONTROLLER)).get(5, TimeUnit.SECONDS) == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(queued.outcome().toCompletableFuture()).isNotDone();

        controllerComesBack();
        Msg late = receive();
        assertThat(late.getHeader().getMsgId()).isEqualTo(queued.msgId());
        assertThat(late.getBody().getRequest().getNotify().getValueChange().getParamValue()).isEqualTo("queued");
        send(Messages.response(late.getHeader().getMsgId(), Response.newBuilder()
                .setNotifyResp(NotifyResp.newBuilder().setSubscriptionId("sub-1")).build()));
        assertThat(queued.outcome().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(NotificationOutbox.Outcome.DELIVERED);

        Response again = call("again", Request.newBuilder().setGet(Get.newBuilder().addParamPaths("Device.LocalAgent.EndpointID")).build());
        assertThat(again.getGetResp().getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap())
                .isEqualTo(Map.of("EndpointID", AGENT));
    }

    static Notify valueChange(String value) {
        return Notify.newBuilder().setSubscriptionId("sub-1").setSendResp(true)
                .setValueChange(Notify.ValueChange.newBuilder().setParamPath("Device.X.Y").setParamValue(value)).build();
    }
}
