package io.usp4j.mtp.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.notify.NotificationDelivery.Policy;
import io.usp4j.agent.notify.delivery.NotificationOutbox;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.GetSupportedProtocol;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.NotifyResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.mtp.mqtt.testing.ArtemisBroker;
import io.usp4j.mtp.mqtt.testing.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@link UspAgent} on a {@link MqttTransport} against a real broker (embedded Artemis), talking to a
 * Controller that is a plain Paho client: requests and answers, a notification, and a notification queued
 * while the broker is down and delivered after it comes back.
 */
@Timeout(90)
class AgentOverMqttTest {
    static final String AGENT = "proto::agent-e2e";
    static final String CONTROLLER = "proto::controller-e2e";
    static final String AGENT_TOPIC = "usp/agents/agent-e2e";
    static final String CONTROLLER_TOPIC = "usp/controllers/controller-e2e";

    @TempDir
    Path dir;
    TestBroker broker;
    UspAgent agent;
    MqttTransport transport;
    TestController controller;

    /** The broker these tests run against. */
    TestBroker newBroker(Path dir) throws Exception {
        return ArtemisBroker.start(dir);
    }

    @BeforeEach
    void startBroker() throws Exception {
        broker = newBroker(dir);
    }

    @AfterEach
    void stopAll() {
        if (agent != null) {
            agent.close();
        }
        if (controller != null) {
            controller.close();
        }
        broker.close();
    }

    void startAgent(MqttVersion version) throws Exception {
        transport = new MqttTransport(MqttSettings.builder(AGENT, "127.0.0.1", broker.port())
                .version(version)
                .responseTopic(AGENT_TOPIC)
                .connectRetry(Duration.ofMillis(300), 2000, Duration.ofSeconds(1))
                .connectTimeout(Duration.ofSeconds(5))
                .build());
        agent = UspAgent.builder().endpointId(AGENT).transport(transport).build();
        agent.start();
        MqttTransportTest.await(transport::isConnected);
    }

    void send(Msg msg) throws Exception {
        controller.publish(AGENT_TOPIC, RecordCodec.encode(RecordCodec.noSessionContext(AGENT, CONTROLLER, msg)));
    }

    /** The next USP Message the controller receives, skipping connect Records. */
    Msg receive() throws Exception {
        while (true) {
            TestController.Received r = controller.poll(20_000);
            assertThat(r).as("a Record from the agent").isNotNull();
            Record record = RecordCodec.decode(r.payload());
            assertThat(record.getFromId()).isEqualTo(AGENT);
            assertThat(record.getToId()).isEqualTo(CONTROLLER);
            if (record.hasMqttConnect()) {
                assertThat(record.getMqttConnect().getSubscribedTopic()).isEqualTo(AGENT_TOPIC);
                continue;
            }
            if (controller != null && r.contentType() != null) {
                assertThat(r.contentType()).isEqualTo("usp.msg");
                assertThat(r.responseTopic()).isEqualTo(AGENT_TOPIC);
            }
            return MessageCodec.decode(RecordCodec.payload(record));
        }
    }

    static Msg get(String msgId, String path) {
        return Messages.request(msgId, Request.newBuilder().setGet(Get.newBuilder().addParamPaths(path)).build());
    }

    static Notify valueChange(String value) {
        return Notify.newBuilder().setSubscriptionId("sub-1")
                .setValueChange(Notify.ValueChange.newBuilder().setParamPath("Device.X.Y").setParamValue(value)).build();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void requestsAreAnsweredAndNotificationsDeliveredAcrossABrokerRestart(MqttVersion version) throws Exception {
        startAgent(version);
        controller = TestController.connect(version, broker.port(), "controller-e2e", CONTROLLER_TOPIC);

        send(Messages.request("gsp-1", Request.newBuilder().setGetSupportedProtocol(
                GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.4")).build()));
        Msg gsp = receive();
        assertThat(gsp.getHeader().getMsgId()).isEqualTo("gsp-1");
        assertThat(gsp.getBody().getResponse().getGetSupportedProtocolResp().getAgentSupportedProtocolVersions()).contains("1.4");

        send(get("get-1", "Device.LocalAgent.EndpointID"));
        Msg get = receive();
        assertThat(get.getHeader().getMsgId()).isEqualTo("get-1");
        GetResp.RequestedPathResult result = get.getBody().getResponse().getGetResp().getReqPathResults(0);
        assertThat(result.getErrCode()).isZero();
        assertThat(result.getResolvedPathResultsList()).hasSize(1);
        assertThat(result.getResolvedPathResults(0).getResolvedPath()).isEqualTo("Device.LocalAgent.");
        assertThat(result.getResolvedPathResults(0).getResultParamsMap()).isEqualTo(Map.of("EndpointID", AGENT));

        // A notification the Controller must acknowledge.
        NotificationOutbox.Delivery first = agent.call(() -> agent.notificationOutbox()
                .send(CONTROLLER, valueChange("1"), new Policy(true, Duration.ZERO))).get(5, TimeUnit.SECONDS);
        Msg notify = receive();
        assertThat(notify.getHeader().getMsgId()).isEqualTo(first.msgId());
        assertThat(notify.getBody().getRequest().getNotify().getValueChange().getParamValue()).isEqualTo("1");
        answerNotify(notify);
        assertThat(first.outcome().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(NotificationOutbox.Outcome.DELIVERED);

        // The broker goes away; a notification raised meanwhile waits in the outbox.
        broker.stop();
        MqttTransportTest.await(() -> !transport.isConnected());
        NotificationOutbox.Delivery queued = agent.call(() -> agent.notificationOutbox()
                .send(CONTROLLER, valueChange("2"), new Policy(true, Duration.ZERO))).get(5, TimeUnit.SECONDS);
        assertThat(agent.call(() -> agent.notificationOutbox().pending(CONTROLLER)).get(5, TimeUnit.SECONDS)).isEqualTo(1);
        Thread.sleep(500);
        assertThat(queued.outcome().toCompletableFuture()).isNotDone();

        broker.start();
        // A new controller session: the old one's subscription died with the broker (no persistence).
        controller.close();
        controller = TestController.connect(version, broker.port(), "controller-e2e-2", CONTROLLER_TOPIC);
        MqttTransportTest.await(transport::isConnected);
        // Retried until answered, so a copy published before the controller resubscribed is not lost for good.
        Msg late = receive();
        assertThat(late.getHeader().getMsgId()).isEqualTo(queued.msgId());
        assertThat(late.getBody().getRequest().getNotify().getValueChange().getParamValue()).isEqualTo("2");
        answerNotify(late);
        assertThat(queued.outcome().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(NotificationOutbox.Outcome.DELIVERED);

        // Requests work again after the reconnect.
        send(get("get-2", "Device.LocalAgent.EndpointID"));
        Msg again = receive();
        while (again.getHeader().getMsgId().equals(queued.msgId())) {
            again = receive();
        }
        assertThat(again.getHeader().getMsgId()).isEqualTo("get-2");
        assertThat(transport.status().connects()).isEqualTo(2);
    }

    void answerNotify(Msg notify) throws Exception {
        send(Messages.response(notify.getHeader().getMsgId(), Response.newBuilder()
                .setNotifyResp(NotifyResp.newBuilder().setSubscriptionId("sub-1")).build()));
    }
}
