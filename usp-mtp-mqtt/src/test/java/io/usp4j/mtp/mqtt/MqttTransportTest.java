package io.usp4j.mtp.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.usp4j.core.proto.record.NoSessionContextRecord;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.core.transport.TransportException;
import io.usp4j.mtp.mqtt.testing.ArtemisBroker;
import io.usp4j.mtp.mqtt.testing.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link MqttTransport} against a real broker (embedded Artemis on 127.0.0.1), in 5.0 and 3.1.1. */
@Timeout(60)
class MqttTransportTest {
    static final String AGENT = "proto::agent-1";
    static final String CONTROLLER = "proto::controller-1";
    static final String AGENT_TOPIC = "usp/agent/agent-1";
    static final String CONTROLLER_TOPIC = "usp/controller/controller-1";

    @TempDir
    Path dir;
    TestBroker broker;
    MqttTransport transport;
    TestController controller;
    final Receiver receiver = new Receiver();

    static final class Receiver implements RecordReceiver {
        final BlockingQueue<InboundRecord> records = new LinkedBlockingQueue<>();
        final BlockingQueue<String> changes = new LinkedBlockingQueue<>();

        @Override
        public void onRecord(InboundRecord record) {
            records.add(record);
        }

        @Override
        public void onConnectionChange(Destination destination, boolean up) {
            changes.add(destination.endpointId() + (up ? " up" : " down"));
        }
    }

    /** The broker these tests run against. */
    TestBroker newBroker(Path dir) throws Exception {
        return ArtemisBroker.start(dir);
    }

    @BeforeEach
    void startBroker() throws Exception {
        broker = newBroker(dir);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (controller != null) {
            controller.close();
        }
        broker.close();
    }

    MqttSettings.Builder settings(MqttVersion version) {
        return MqttSettings.builder(AGENT, "127.0.0.1", broker.port())
                .version(version)
                .responseTopic(AGENT_TOPIC)
                .connectRetry(Duration.ofMillis(100), 2000, Duration.ofMillis(500))
                .connectTimeout(Duration.ofSeconds(5));
    }

    static byte[] record(String from, String to, String payload) {
        return RecordCodec.encode(Record.newBuilder().setVersion("1.4").setToId(to).setFromId(from)
                .setNoSessionContext(NoSessionContextRecord.newBuilder().setPayload(ByteString.copyFromUtf8(payload)))
                .build());
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(20);
        }
    }

    void startTransport(MqttSettings s) throws Exception {
        transport = new MqttTransport(s);
        transport.start(receiver);
        await(transport::isConnected);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void requestAndAnswerCarryTheReplyTo(MqttVersion version) throws Exception {
        startTransport(settings(version).build());
        assertThat(transport.status().replyTopic()).isEqualTo(AGENT_TOPIC);
        assertThat(transport.status().subscribed())
                .containsExactly(version == MqttVersion.V5 ? AGENT_TOPIC : AGENT_TOPIC + "/#");
        controller = TestController.connect(version, broker.port(), "controller-1", CONTROLLER_TOPIC);

        byte[] request = record(CONTROLLER, AGENT, "request");
        controller.publish(AGENT_TOPIC, request);
        InboundRecord in = receiver.records.poll(10, TimeUnit.SECONDS);
        assertThat(in).isNotNull();
        assertThat(in.bytes()).isEqualTo(request);
        assertThat(in.transport()).isSameAs(transport);
        assertThat(in.replyTo()).isEqualTo(new Destination(CONTROLLER, Map.of(MqttTransport.TOPIC, CONTROLLER_TOPIC)));
        assertThat(in.authenticatedEndpointId()).isNull();

        byte[] answer = record(AGENT, CONTROLLER, "answer");
        transport.send(in.replyTo(), answer).toCompletableFuture().get(10, TimeUnit.SECONDS);
        TestController.Received got = controller.poll(10_000);
        assertThat(got).isNotNull();
        assertThat(got.payload()).isEqualTo(answer);
        if (version == MqttVersion.V5) {
            assertThat(got.topic()).isEqualTo(CONTROLLER_TOPIC);
            assertThat(got.responseTopic()).isEqualTo(AGENT_TOPIC);
            assertThat(got.contentType()).isEqualTo("usp.msg");
        } else {
            assertThat(got.topic()).isEqualTo("usp/controller/controller-1/reply-to=usp%2Fagent%2Fagent-1");
        }
    }

    /** TP-469 11.15: both the current and the older USP Content Type are taken; any other is dropped. */
    @org.junit.jupiter.api.Test
    void tp469_11_15_bothUspContentTypesAreTakenOthersDropped() throws Exception {
        startTransport(settings(MqttVersion.V5).build());
        controller = TestController.connect(MqttVersion.V5, broker.port(), "controller-1", CONTROLLER_TOPIC);
        byte[] current = record(CONTROLLER, AGENT, "current");
        byte[] older = record(CONTROLLER, AGENT, "older");
        byte[] other = record(CONTROLLER, AGENT, "other");
        controller.publish(AGENT_TOPIC, other, CONTROLLER_TOPIC, "application/json");
        controller.publish(AGENT_TOPIC, current, CONTROLLER_TOPIC, "usp.msg");
        controller.publish(AGENT_TOPIC, older, CONTROLLER_TOPIC, "application/vnd.bbf.usp.msg");
        // QoS 1 from one publisher arrives in order, so the dropped one would have come first.
        InboundRecord first = receiver.records.poll(10, TimeUnit.SECONDS);
        InboundRecord second = receiver.records.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(first.bytes()).isEqualTo(current);
        assertThat(second.bytes()).isEqualTo(older);
        assertThat(receiver.records.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aRecordWithoutReplyToIsAnsweredOnTheConfiguredTopic(MqttVersion version) throws Exception {
        startTransport(settings(version).controller(CONTROLLER, CONTROLLER_TOPIC).build());
        controller = TestController.connect(version, broker.port(), "controller-1", CONTROLLER_TOPIC);
        // The mqtt_connect Record announced at connect went to the configured topic before the controller listened.
        byte[] request = record(CONTROLLER, AGENT, "sloppy");
        controller.publish(AGENT_TOPIC, request, null, null);
        InboundRecord in = receiver.records.poll(10, TimeUnit.SECONDS);
        assertThat(in).isNotNull();
        assertThat(in.replyTo().endpointId()).isEqualTo(CONTROLLER);
        assertThat(in.replyTo().get(MqttTransport.TOPIC)).isNull();
        assertThat(in.replyTo().get(MqttTransport.NO_REPLY_TO)).isEqualTo(AGENT_TOPIC);

        transport.send(in.replyTo(), record(AGENT, CONTROLLER, "answer")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        TestController.Received got = controller.poll(10_000);
        assertThat(got).isNotNull();
        assertThat(got.topic()).startsWith(CONTROLLER_TOPIC);

        // Without a configured topic there is nowhere to answer.
        assertThatThrownBy(() -> transport.send(new Destination("proto::nobody", Map.of(MqttTransport.NO_REPLY_TO, "x")),
                new byte[] {1}).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TransportException.class);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void brokerRestartIsReportedAndReconnectAnnouncesTheAgent(MqttVersion version) throws Exception {
        startTransport(settings(version).build());
        controller = TestController.connect(version, broker.port(), "controller-1", CONTROLLER_TOPIC);
        controller.publish(AGENT_TOPIC, record(CONTROLLER, AGENT, "hello"));
        assertThat(receiver.records.poll(10, TimeUnit.SECONDS)).isNotNull();

        broker.stop();
        assertThat(receiver.changes.poll(20, TimeUnit.SECONDS)).isEqualTo(CONTROLLER + " down");
        assertThat(transport.isConnected()).isFalse();
        assertThatThrownBy(() -> transport.send(new Destination(CONTROLLER, Map.of(MqttTransport.TOPIC, CONTROLLER_TOPIC)),
                new byte[] {1}).toCompletableFuture().join()).hasCauseInstanceOf(TransportException.class);

        broker.start();
        assertThat(receiver.changes.poll(20, TimeUnit.SECONDS)).isEqualTo(CONTROLLER + " up");
        assertThat(transport.status().connects()).isEqualTo(2);
        await(controller::connected);
        // The controller's automatic reconnect does not resubscribe with clean start: do it by hand.
        controller.close();
        controller = TestController.connect(version, broker.port(), "controller-1b", CONTROLLER_TOPIC);
        transport.sendConnectRecord(CONTROLLER, CONTROLLER_TOPIC).toCompletableFuture().get(10, TimeUnit.SECONDS);
        TestController.Received got = controller.poll(10_000);
        assertThat(got).isNotNull();
        Record connect = RecordCodec.decode(got.payload());
        assertThat(connect.hasMqttConnect()).isTrue();
        assertThat(connect.getFromId()).isEqualTo(AGENT);
        assertThat(connect.getToId()).isEqualTo(CONTROLLER);
        assertThat(connect.getMqttConnect().getSubscribedTopic()).isEqualTo(AGENT_TOPIC);
        assertThat(connect.getMqttConnect().getVersion().name()).isEqualTo(version == MqttVersion.V5 ? "V5" : "V3_1_1");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void theConnectRecordGoesToConfiguredControllersAfterConnect(MqttVersion version) throws Exception {
        controller = TestController.connect(version, broker.port(), "controller-1", CONTROLLER_TOPIC);
        startTransport(settings(version).controller(CONTROLLER, CONTROLLER_TOPIC).build());
        TestController.Received got = controller.poll(10_000);
        assertThat(got).isNotNull();
        assertThat(RecordCodec.decode(got.payload()).getMqttConnect().getSubscribedTopic()).isEqualTo(AGENT_TOPIC);
        assertThat(receiver.changes.poll(10, TimeUnit.SECONDS)).isEqualTo(CONTROLLER + " up");
    }

    @org.junit.jupiter.api.Test
    void mqtt5WithoutClientIdKeepsTheAssignedOne() throws Exception {
        startTransport(settings(MqttVersion.V5).build());
        String assigned = transport.status().clientId();
        assertThat(assigned).isNotEmpty();
        broker.stop();
        await(() -> !transport.isConnected());
        broker.start();
        await(transport::isConnected);
        assertThat(transport.status().clientId()).isEqualTo(assigned);
    }

    @org.junit.jupiter.api.Test
    void mqtt311WithoutClientIdUsesTheEndpointId() throws Exception {
        startTransport(settings(MqttVersion.V3_1_1).build());
        assertThat(transport.status().clientId()).isEqualTo(AGENT);
    }

    @org.junit.jupiter.api.Test
    void anUnreachableBrokerIsRetriedUntilItComes() throws Exception {
        broker.stop();
        transport = new MqttTransport(settings(MqttVersion.V5).build());
        transport.start(receiver);
        await(() -> transport.status().failures() >= 2);
        assertThat(transport.isConnected()).isFalse();
        broker.start();
        await(transport::isConnected);
    }

    @org.junit.jupiter.api.Test
    void nothingToSubscribeToDisablesTheTransport() throws Exception {
        transport = new MqttTransport(MqttSettings.builder(AGENT, "127.0.0.1", broker.port()).build());
        transport.start(receiver);
        await(() -> transport.status().state() == MqttTransport.State.DISABLED);
        assertThat(transport.status().lastError()).contains("nothing to subscribe to");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void closeLeavesNoThreadsBehind(MqttVersion version) throws Exception {
        startTransport(settings(version).clientId("leak-check-" + version).build());
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().contains("leak-check-" + version)))
                .as("Paho's threads are named after the ClientId").isNotEmpty();
        transport.close();
        await(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.isAlive()
                && (t.getName().startsWith("usp4j-mqtt-127.0.0.1:" + broker.port()) || t.getName().contains("leak-check-" + version))));
    }

    /**
     * R-MQTT.34 and the live connection: a new filter is subscribed and an old one unsubscribed without a
     * reconnect, and the Stats count the packets.
     */
    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void subscriptionsChangeOnTheLiveConnectionWithoutReconnecting(MqttVersion version) throws Exception {
        startTransport(settings(version).subscribe("usp/extra/a/#", 1).build());
        assertThat(transport.status().subscribed()).contains("usp/extra/a/#");
        controller = TestController.connect(version, broker.port(), "controller-1", CONTROLLER_TOPIC);
        byte[] first = record(CONTROLLER, AGENT, "on a");
        controller.publish("usp/extra/a/x", first);
        InboundRecord in = receiver.records.poll(10, TimeUnit.SECONDS);
        assertThat(in).isNotNull();
        assertThat(in.bytes()).isEqualTo(first);

        assertThat(transport.reconfigure(settings(version).subscribe("usp/extra/b/#", 0).build())).isTrue();
        await(() -> transport.status().subscribed().contains("usp/extra/b/#")
                && !transport.status().subscribed().contains("usp/extra/a/#"));
        byte[] onA = record(CONTROLLER, AGENT, "on a again");
        byte[] onB = record(CONTROLLER, AGENT, "on b");
        controller.publish("usp/extra/a/x", onA);
        controller.publish("usp/extra/b/x", onB);
        // One publisher's QoS 1 messages arrive in order: had a/# still been subscribed, onA would come first.
        in = receiver.records.poll(10, TimeUnit.SECONDS);
        assertThat(in).isNotNull();
        assertThat(in.bytes()).isEqualTo(onB);
        assertThat(receiver.records.poll(300, TimeUnit.MILLISECONDS)).isNull();

        assertThat(transport.status().connects()).isEqualTo(1);
        assertThat(transport.status().failures()).isZero();
        MqttTransport.Stats stats = transport.stats();
        assertThat(stats.subscribeSent()).isEqualTo(2);
        assertThat(stats.unsubscribeSent()).isEqualTo(1);
        assertThat(stats.publishReceived()).isEqualTo(2);
        assertThat(stats.connectionErrors()).isZero();
        assertThat(stats.brokerConnectionEstablished()).isNotNull();
        assertThat(stats.lastPublishMessageReceived()).isNotNull();
        // CONNECT, 2 SUBSCRIBE, UNSUBSCRIBE, the PUBACKs of 2 QoS 1 PUBLISH (the QoS 0 one has none)...
        assertThat(stats.mqttMessagesSent()).isGreaterThanOrEqualTo(5);
        // ...CONNACK, 2 SUBACK, UNSUBACK, 2 PUBLISH.
        assertThat(stats.mqttMessagesReceived()).isEqualTo(6);

        transport.send(in.replyTo(), record(AGENT, CONTROLLER, "answer")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(transport.stats().publishSent()).isEqualTo(1);
        assertThat(transport.stats().lastPublishMessageSent()).isNotNull();
        assertThat(transport.stats().publishErrors()).isZero();
    }

    @org.junit.jupiter.api.Test
    void aChangeOfBrokerOrCredentialsIsNotTakenOnTheLiveConnection() throws Exception {
        startTransport(settings(MqttVersion.V5).build());
        assertThat(transport.reconfigure(settings(MqttVersion.V5).credentials("u", "p").build())).isFalse();
        assertThat(transport.reconfigure(settings(MqttVersion.V3_1_1).build())).isFalse();
        assertThat(transport.reconfigure(MqttSettings.builder(AGENT, "127.0.0.1", broker.port() == 1 ? 2 : 1)
                .responseTopic(AGENT_TOPIC).build())).isFalse();
        assertThat(transport.settings().username()).isEmpty();
        assertThat(transport.reconfigure(settings(MqttVersion.V5).qos(0).controller(CONTROLLER, CONTROLLER_TOPIC).build()))
                .isTrue();
        assertThat(transport.settings().publishQos()).isZero();
        transport.close();
        assertThat(transport.reconfigure(settings(MqttVersion.V5).build())).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aLostConnectionCountsAsAConnectionError() throws Exception {
        startTransport(settings(MqttVersion.V5).build());
        broker.stop();
        await(() -> transport.stats().connectionErrors() >= 1);
        broker.start();
        await(transport::isConnected);
        assertThat(transport.status().connects()).isEqualTo(2);
        assertThat(transport.status().failure()).isNotEqualTo(MqttTransport.Failure.NONE);
    }

    static byte[] connectRecord(String from, String to, MqttVersion version, String topic) {
        return RecordCodec.encode(Record.newBuilder().setVersion("1.4").setToId(to).setFromId(from)
                .setMqttConnect(io.usp4j.core.proto.record.MQTTConnectRecord.newBuilder()
                        .setVersion(version == MqttVersion.V5 ? io.usp4j.core.proto.record.MQTTConnectRecord.MQTTVersion.V5
                                : io.usp4j.core.proto.record.MQTTConnectRecord.MQTTVersion.V3_1_1)
                        .setSubscribedTopic(topic))
                .build());
    }

    /** R-MQTT.26a: an mqtt_connect naming the other MQTT version stops communication until it names ours. */
    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void anMqttVersionMismatchStopsCommunicationUntilTheSenderFixesIt(MqttVersion version) throws Exception {
        startTransport(settings(version).build());
        controller = TestController.connect(version, broker.port(), "controller-1", CONTROLLER_TOPIC);
        MqttVersion other = version == MqttVersion.V5 ? MqttVersion.V3_1_1 : MqttVersion.V5;
        controller.publish(AGENT_TOPIC, connectRecord(CONTROLLER, AGENT, other, CONTROLLER_TOPIC));
        await(() -> transport.versionMismatches().contains(CONTROLLER));
        byte[] dropped = record(CONTROLLER, AGENT, "dropped");
        controller.publish(AGENT_TOPIC, dropped);
        assertThatThrownBy(() -> transport.send(new Destination(CONTROLLER, Map.of(MqttTransport.TOPIC, CONTROLLER_TOPIC)),
                record(AGENT, CONTROLLER, "x")).toCompletableFuture().join())
                .hasCauseInstanceOf(TransportException.class).hasMessageContaining("R-MQTT.26a");

        byte[] fixed = connectRecord(CONTROLLER, AGENT, version, CONTROLLER_TOPIC);
        controller.publish(AGENT_TOPIC, fixed);
        byte[] after = record(CONTROLLER, AGENT, "after");
        controller.publish(AGENT_TOPIC, after);
        // In order from one publisher: neither the mismatched mqtt_connect nor the dropped Record came through.
        InboundRecord first = receiver.records.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.bytes()).isEqualTo(fixed);
        InboundRecord second = receiver.records.poll(10, TimeUnit.SECONDS);
        assertThat(second).isNotNull();
        assertThat(second.bytes()).isEqualTo(after);
        assertThat(transport.versionMismatches()).isEmpty();
        transport.send(second.replyTo(), record(AGENT, CONTROLLER, "answer")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** PublishRetainNotify: a Notify published before the Controller subscribed still reaches it; without, not. */
    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aNotifyIsRetainedForAControllerThatAsksForIt(MqttVersion version) throws Exception {
        String plainTopic = "usp/controller/plain";
        startTransport(settings(version).controller(CONTROLLER, CONTROLLER_TOPIC, false, true)
                .controller("proto::plain", plainTopic, true, false).build());
        byte[] notify = MqttTransportUnitTest.message(io.usp4j.core.proto.msg.Header.MsgType.NOTIFY);
        transport.send(new Destination(CONTROLLER, Map.of(MqttTransport.TOPIC, CONTROLLER_TOPIC)), notify)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        transport.send(new Destination("proto::plain", Map.of(MqttTransport.TOPIC, plainTopic)), notify)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        controller = TestController.connect(version, broker.port(), "controller-1", CONTROLLER_TOPIC);
        TestController.Received got = controller.poll(10_000);
        assertThat(got).as("the retained Notify").isNotNull();
        assertThat(got.payload()).isEqualTo(notify);
        try (TestController plain = TestController.connect(version, broker.port(), "controller-2", plainTopic)) {
            assertThat(plain.poll(500)).as("nothing retained for a Controller without PublishRetainNotify").isNull();
        }
    }
}
