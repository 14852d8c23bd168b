package io.usp4j.mtp.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Operate;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Set;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.testing.TestPki;
import io.usp4j.core.transport.TlsSettings;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.storage.FileStorage;
import io.usp4j.datamodel.storage.Storage;
import io.usp4j.mtp.mqtt.agent.MqttClients;
import io.usp4j.mtp.mqtt.testing.ArtemisBroker;
import io.usp4j.mtp.mqtt.testing.MosquittoBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MqttClients} against two embedded Artemis brokers: factory defaults make the Client and MTP rows,
 * the agent connects and answers, a Set of BrokerPort moves it to the other broker, Enable false then true
 * disconnects and reconnects, and Status follows.
 */
@Timeout(120)
class MqttClientsTest {
    static final String AGENT = "proto::agent-dm";
    static final String CONTROLLER = "proto::controller-dm";
    static final String AGENT_TOPIC = "usp/agents/agent-dm";
    static final String CONTROLLER_TOPIC = "usp/controllers/controller-dm";
    static final String CLIENT = "Device.MQTT.Client.1.";

    @TempDir
    Path dir1;
    @TempDir
    Path dir2;
    ArtemisBroker broker1;
    ArtemisBroker broker2;
    MosquittoBroker mosquitto;
    UspAgent agent;
    MqttClients clients;
    TestController controller;

    @AfterEach
    void stopAll() {
        if (agent != null) {
            agent.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (broker1 != null) {
            broker1.close();
        }
        if (broker2 != null) {
            broker2.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    void startAgent(int port) {
        startAgent(port, MqttVersion.V5);
    }

    void startAgent(int port, MqttVersion version) {
        startAgent(port, version, null, "TCP/IP");
    }

    void startAgent(int port, MqttVersion version, TlsSettings tls, String transportProtocol) {
        startAgent(port, version, tls, transportProtocol, null);
    }

    void startAgent(int port, MqttVersion version, TlsSettings tls, String transportProtocol, Storage storage) {
        UspAgent.Builder b = UspAgent.builder().endpointId(AGENT).factoryDefaults(tx -> {
            String client = tx.create("Device.MQTT.Client.", Map.of("Enable", "true", "BrokerAddress", "127.0.0.1",
                    "BrokerPort", Integer.toString(port), "ProtocolVersion", version.label(), "ConnectRetryTime", "1",
                    "ConnectRetryMaxInterval", "1", "TransportProtocol", transportProtocol)).instancePath();
            String mtp = tx.create("Device.LocalAgent.MTP.", Map.of("Enable", "true", "Protocol", "MQTT")).instancePath();
            tx.setInternal(mtp + "MQTT.Reference", client.substring(0, client.length() - 1));
            tx.setInternal(mtp + "MQTT.ResponseTopicConfigured", AGENT_TOPIC);
            String c = tx.create("Device.LocalAgent.Controller.", Map.of("EndpointID", CONTROLLER, "Enable", "true"))
                    .instancePath();
            String cm = tx.create(c + "MTP.", Map.of("Enable", "true", "Protocol", "MQTT")).instancePath();
            tx.setInternal(cm + "MQTT.Topic", CONTROLLER_TOPIC);
            tx.create(client + "Subscription.", Map.of("Enable", "true", "Topic", "usp/extra/#", "QoS", "1"));
        });
        if (storage != null) {
            b.storage(storage);
        }
        clients = MqttClients.install(b, tls);
        agent = b.build();
        clients.attach(agent);
        agent.start();
    }

    String value(String path) throws Exception {
        return agent.call(() -> agent.dataModel().view().value(path)).get(5, TimeUnit.SECONDS);
    }

    void awaitStatus(String status) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String now;
        while (!status.equals(now = value(CLIENT + "Status"))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Status is " + now + ", not " + status);
            }
            Thread.sleep(50);
        }
    }

    void setOnAgent(String path, String value) throws Exception {
        agent.call(() -> {
            Transaction tx = agent.dataModel().begin();
            tx.setInternal(path, value);
            tx.commit();
            return null;
        }).get(5, TimeUnit.SECONDS);
    }

    void send(Msg msg) throws Exception {
        controller.publish(AGENT_TOPIC, RecordCodec.encode(RecordCodec.noSessionContext(AGENT, CONTROLLER, msg)));
    }

    /** The next USP Message with this id, skipping connect Records and other messages. */
    Msg receive(String msgId) throws Exception {
        while (true) {
            TestController.Received r = controller.poll(20_000);
            assertThat(r).as("a Record from the agent").isNotNull();
            Record record = RecordCodec.decode(r.payload());
            assertThat(record.getFromId()).isEqualTo(AGENT);
            if (record.hasMqttConnect()) {
                assertThat(record.getMqttConnect().getSubscribedTopic()).isEqualTo(AGENT_TOPIC);
                continue;
            }
            Msg m = MessageCodec.decode(RecordCodec.payload(record));
            if (m.getHeader().getMsgId().equals(msgId)) {
                return m;
            }
        }
    }

    /** A Get of the Client row's Status and BrokerPort over MQTT. */
    Map<String, String> getClient(String msgId) throws Exception {
        send(Messages.request(msgId, Request.newBuilder().setGet(Get.newBuilder()
                .addParamPaths(CLIENT + "Status").addParamPaths(CLIENT + "BrokerPort")).build()));
        Msg answer = receive(msgId);
        GetResp resp = answer.getBody().getResponse().getGetResp();
        Map<String, String> out = new java.util.HashMap<>();
        for (GetResp.RequestedPathResult r : resp.getReqPathResultsList()) {
            assertThat(r.getErrCode()).as(r.getRequestedPath()).isZero();
            r.getResolvedPathResultsList().forEach(p -> out.putAll(p.getResultParamsMap()));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void factoryDefaultsConnectAndAGetIsAnswered(MqttVersion version) throws Exception {
        broker1 = ArtemisBroker.start(dir1);
        startAgent(broker1.port(), version);
        awaitStatus("Connected");
        assertThat(clients.transport(CLIENT).settings().version()).isEqualTo(version);
        assertThat(clients.transport(CLIENT).settings().subscriptions()).containsExactly("usp/extra/#");
        assertThat(value(CLIENT + "Subscription.1.Status")).isEqualTo("Subscribed");
        assertThat(value("Device.MQTT.Capabilities.ProtocolVersionsSupported")).isEqualTo("3.1.1,5.0");
        assertThat(value("Device.MQTT.ClientNumberOfEntries")).isEqualTo("1");
        assertThat(value("Device.LocalAgent.SupportedProtocols")).isEqualTo("MQTT");
        assertThat(value("Device.LocalAgent.MTP.1.Status")).isEqualTo("Up");
        assertThat(clients.transport(CLIENT).settings().responseTopicConfigured()).isEqualTo(AGENT_TOPIC);
        assertThat(clients.transport(CLIENT).settings().controllerTopics()).isEqualTo(Map.of(CONTROLLER, CONTROLLER_TOPIC));

        controller = TestController.connect(version, broker1.port(), "controller-dm", CONTROLLER_TOPIC);
        assertThat(getClient("get-1")).isEqualTo(Map.of("Status", "Connected", "BrokerPort", Integer.toString(broker1.port())));
        // R-MQTT.9: a 5.0 client saves the ClientId Artemis assigned; a 3.1.1 client uses the Endpoint ID and
        // has nothing to save.
        String expected = version == MqttVersion.V5 ? clients.transport(CLIENT).status().clientId() : "";
        assertThat(clients.transport(CLIENT).status().clientId()).isEqualTo(version == MqttVersion.V5 ? expected : AGENT);
        awaitValue(CLIENT + "ClientID", expected);
        assertThat(expected.isEmpty()).isEqualTo(version == MqttVersion.V3_1_1);
        assertThat(clients.transport(CLIENT).status().connects()).isEqualTo(1);
    }

    /** A Get of one parameter over MQTT. */
    String getOverMqtt(String msgId, String path) throws Exception {
        send(Messages.request(msgId, Request.newBuilder().setGet(Get.newBuilder().addParamPaths(path)).build()));
        GetResp resp = receive(msgId).getBody().getResponse().getGetResp();
        assertThat(resp.getReqPathResultsList()).singleElement().satisfies(r -> assertThat(r.getErrCode()).isZero());
        return resp.getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap()
                .get(path.substring(path.lastIndexOf('.') + 1));
    }

    /**
     * TP-469 11.5, R-MQTT.9/11: with ClientID empty, mosquitto assigns a ClientId in CONNACK; the agent saves it in
     * ClientID without reconnecting, and a change that needs a new connection (KeepAliveTime) connects with it.
     */
    @Test
    void anAssignedClientIdIsSavedWithoutReconnectingAndUsedForTheNextConnection() throws Exception {
        mosquitto = MosquittoBroker.start(dir1);
        startAgent(mosquitto.port());
        awaitStatus("Connected");
        MqttTransport first = clients.transport(CLIENT);
        String assigned = first.status().clientId();
        assertThat(assigned).isNotEmpty();
        assertThat(mosquitto.connectedClientIds()).containsExactly(assigned);
        awaitValue(CLIENT + "ClientID", assigned);
        value(CLIENT + "Status"); // after the reconciliation the write queued
        assertThat(clients.transport(CLIENT)).isSameAs(first);
        assertThat(first.status().connects()).isEqualTo(1);
        assertThat(first.settings().clientId()).isEqualTo(assigned);
        controller = TestController.connect(MqttVersion.V5, mosquitto.port(), "controller-dm", CONTROLLER_TOPIC);
        assertThat(getOverMqtt("get-cid", CLIENT + "ClientID")).isEqualTo(assigned);
        setOnAgent(CLIENT + "KeepAliveTime", "30"); // needs a new connection
        MqttTransportTest.await(() -> clients.transport(CLIENT) != null && clients.transport(CLIENT) != first);
        awaitStatus("Connected");
        MqttTransport second = clients.transport(CLIENT);
        assertThat(second.settings().clientId()).isEqualTo(assigned);
        assertThat(second.status().clientId()).isEqualTo(assigned);
        assertThat(mosquitto.connectedClientIds()).containsExactly(assigned, "controller-dm", assigned);
        assertThat(value(CLIENT + "ClientID")).isEqualTo(assigned);
        assertThat(first.status().connects() + second.status().connects()).isEqualTo(2);
        // ClientID set empty again: a new connection with an empty ClientId, and the new assigned id is saved.
        setOnAgent(CLIENT + "ClientID", "");
        MqttTransportTest.await(() -> clients.transport(CLIENT) != null && clients.transport(CLIENT) != second);
        awaitStatus("Connected");
        String renewed = clients.transport(CLIENT).status().clientId();
        assertThat(renewed).isNotEmpty().isNotEqualTo(assigned);
        awaitValue(CLIENT + "ClientID", renewed);
        assertThat(mosquitto.connectedClientIds()).containsExactly(assigned, "controller-dm", assigned, renewed);
    }

    /** TP-469 11.5, R-MQTT.9: the saved ClientId is stored, so an agent restarted on the same storage connects with it. */
    @Test
    void anAssignedClientIdSurvivesARestart() throws Exception {
        mosquitto = MosquittoBroker.start(dir1);
        Path store = dir2.resolve("store");
        String assigned;
        try (FileStorage storage = FileStorage.open(store)) {
            startAgent(mosquitto.port(), MqttVersion.V5, null, "TCP/IP", storage);
            awaitStatus("Connected");
            assigned = clients.transport(CLIENT).status().clientId();
            assertThat(assigned).isNotEmpty();
            awaitValue(CLIENT + "ClientID", assigned);
            agent.close();
            agent = null;
        }
        assertThat(mosquitto.connectedClientIds()).containsExactly(assigned);
        try (FileStorage storage = FileStorage.open(store)) {
            startAgent(mosquitto.port(), MqttVersion.V5, null, "TCP/IP", storage);
            assertThat(value(CLIENT + "ClientID")).isEqualTo(assigned);
            awaitStatus("Connected");
            MqttTransport t = clients.transport(CLIENT);
            assertThat(t.settings().clientId()).isEqualTo(assigned);
            assertThat(t.status().clientId()).isEqualTo(assigned);
            assertThat(mosquitto.connectedClientIds()).containsExactly(assigned, assigned);
            agent.close();
            agent = null;
        }
    }

    @Test
    void aSetOfBrokerPortMovesTheAgentToTheOtherBroker() throws Exception {
        broker1 = ArtemisBroker.start(dir1);
        broker2 = ArtemisBroker.start(dir2);
        startAgent(broker1.port());
        awaitStatus("Connected");
        MqttTransport first = clients.transport(CLIENT);

        setOnAgent(CLIENT + "BrokerPort", Integer.toString(broker2.port()));
        awaitStatus("Connected");
        MqttTransport second = clients.transport(CLIENT);
        assertThat(second).isNotSameAs(first);
        assertThat(second.settings().port()).isEqualTo(broker2.port());
        assertThat(first.status().state()).isEqualTo(MqttTransport.State.CLOSED);

        controller = TestController.connect(MqttVersion.V5, broker2.port(), "controller-dm", CONTROLLER_TOPIC);
        assertThat(getClient("get-2")).isEqualTo(Map.of("Status", "Connected", "BrokerPort", Integer.toString(broker2.port())));
    }

    @Test
    void enableFalseDisconnectsAndEnableTrueReconnects() throws Exception {
        broker1 = ArtemisBroker.start(dir1);
        startAgent(broker1.port());
        awaitStatus("Connected");
        controller = TestController.connect(MqttVersion.V5, broker1.port(), "controller-dm", CONTROLLER_TOPIC);
        MqttTransport first = clients.transport(CLIENT);

        // Disabled by the Controller itself, over the connection it is about to lose.
        send(Messages.request("set-1", Request.newBuilder().setSet(Set.newBuilder().addUpdateObjs(Set.UpdateObject.newBuilder()
                .setObjPath(CLIENT).addParamSettings(Set.UpdateParamSetting.newBuilder().setParam("Enable").setValue("false")
                        .setRequired(true)))).build()));
        awaitStatus("Disabled");
        MqttTransportTest.await(() -> clients.transport(CLIENT) == null);
        assertThat(first.status().state()).isEqualTo(MqttTransport.State.CLOSED);
        assertThat(value("Device.LocalAgent.MTP.1.Status")).isEqualTo("Down");

        assertThat(value(CLIENT + "Stats.PublishReceived")).isEqualTo("1"); // the Set, counted while disabled

        setOnAgent(CLIENT + "Enable", "true");
        awaitStatus("Connected");
        assertThat(clients.transport(CLIENT)).isNotSameAs(first);
        // TR-181: the Stats restart when the client is enabled again.
        assertThat(value(CLIENT + "Stats.PublishReceived")).isEqualTo("0");
        assertThat(getClient("get-3")).containsEntry("Status", "Connected");
    }

    @Test
    void forceReconnectMakesANewConnection() throws Exception {
        broker1 = ArtemisBroker.start(dir1);
        startAgent(broker1.port());
        awaitStatus("Connected");
        controller = TestController.connect(MqttVersion.V5, broker1.port(), "controller-dm", CONTROLLER_TOPIC);
        MqttTransport first = clients.transport(CLIENT);
        send(Messages.request("op-1", Request.newBuilder().setOperate(Operate.newBuilder()
                .setCommand(CLIENT + "ForceReconnect()").setSendResp(true)).build()));
        MqttTransportTest.await(() -> clients.transport(CLIENT) != null && clients.transport(CLIENT) != first);
        assertThat(first.status().state()).isEqualTo(MqttTransport.State.CLOSED);
        awaitStatus("Connected");
        assertThat(getClient("get-4")).containsEntry("Status", "Connected");
    }

    @Test
    void anUnsupportedProtocolVersionIsRefusedAndChangesNothing() throws Exception {
        broker1 = ArtemisBroker.start(dir1);
        startAgent(broker1.port());
        awaitStatus("Connected");
        controller = TestController.connect(MqttVersion.V5, broker1.port(), "controller-dm", CONTROLLER_TOPIC);
        MqttTransport first = clients.transport(CLIENT);
        send(Messages.request("set-2", Request.newBuilder().setSet(Set.newBuilder().setAllowPartial(false)
                .addUpdateObjs(Set.UpdateObject.newBuilder().setObjPath(CLIENT).addParamSettings(Set.UpdateParamSetting
                        .newBuilder().setParam("ProtocolVersion").setValue("3.1").setRequired(true)))).build()));
        Msg answer = receive("set-2");
        assertThat(answer.getBody().hasError()).as(answer.toString()).isTrue();
        assertThat(answer.getBody().getError().getErrCode()).isNotZero();
        // The veto is the Client object's (a ChangeHandler's), so the data model reports it against the object.
        assertThat(answer.getBody().getError().getParamErrsList()).singleElement().satisfies(e -> {
            assertThat(e.getParamPath()).isEqualTo(CLIENT);
            assertThat(e.getErrCode()).isEqualTo(7012);
            assertThat(e.getErrMsg()).contains("ProtocolVersion 3.1");
        });
        assertThat(value(CLIENT + "ProtocolVersion")).isEqualTo("5.0");
        assertThat(clients.transport(CLIENT)).isSameAs(first);
    }

    @Test
    void aChangeThatDoesNotAlterTheSettingsKeepsTheConnectionAndAControllerTopicChangeIsTakenLive() throws Exception {
        broker1 = ArtemisBroker.start(dir1);
        startAgent(broker1.port());
        awaitStatus("Connected");
        MqttTransport first = clients.transport(CLIENT);
        setOnAgent("Device.LocalAgent.Controller.1.MTP.1.MQTT.PublishRetainNotify", "true");
        setOnAgent(CLIENT + "Name", "main broker");
        value(CLIENT + "Status"); // after the reconciliations those commits queued
        assertThat(clients.transport(CLIENT)).isSameAs(first);
        assertThat(first.status().connects()).isEqualTo(1);

        controller = TestController.connect(MqttVersion.V5, broker1.port(), "controller-dm", "usp/controllers/elsewhere");
        setOnAgent("Device.LocalAgent.Controller.1.MTP.1.MQTT.Topic", "usp/controllers/elsewhere");
        value(CLIENT + "Status");
        assertThat(clients.transport(CLIENT)).isSameAs(first);
        assertThat(first.settings().controllerTopics()).isEqualTo(Map.of(CONTROLLER, "usp/controllers/elsewhere"));
        assertThat(first.status().connects()).isEqualTo(1);
        // The Controller at its new topic hears the agent announce itself there.
        TestController.Received r = controller.poll(20_000);
        assertThat(r).isNotNull();
        assertThat(RecordCodec.decode(r.payload()).hasMqttConnect()).isTrue();
    }

    void onAgent(java.util.function.Consumer<Transaction> change) throws Exception {
        agent.call(() -> {
            Transaction tx = agent.dataModel().begin();
            change.accept(tx);
            tx.commit();
            return null;
        }).get(5, TimeUnit.SECONDS);
    }

    void awaitValue(String path, String expected) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String now;
        while (!expected.equals(now = value(path))) {
            if (System.nanoTime() > end) {
                throw new AssertionError(path + " is " + now + ", not " + expected);
            }
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void subscriptionRowsChangeOnTheLiveConnectionWithoutReconnecting(MqttVersion version) throws Exception {
        broker1 = ArtemisBroker.start(dir1);
        startAgent(broker1.port(), version);
        awaitStatus("Connected");
        MqttTransport first = clients.transport(CLIENT);
        String stats = CLIENT + "Stats.";
        assertThat(value(stats + "SubscribeSent")).isEqualTo("1");
        assertThat(value(stats + "UnSubscribeSent")).isEqualTo("0");

        onAgent(tx -> tx.create(CLIENT + "Subscription.", Map.of("Enable", "true", "Topic", "usp/more/#", "QoS", "0")));
        awaitValue(CLIENT + "Subscription.2.Status", "Subscribed");
        assertThat(value(stats + "SubscribeSent")).isEqualTo("2");
        assertThat(first.settings().subscriptionQos("usp/more/#")).isZero();

        // TP-469 11.9 and 11.13: a Get on each subscribed topic (QoS 1 and QoS 0) is answered.
        controller = TestController.connect(version, broker1.port(), "controller-dm", CONTROLLER_TOPIC);
        for (String topic : new String[] {"usp/extra/agent", "usp/more/agent"}) {
            String id = "get-" + topic;
            controller.publish(topic, RecordCodec.encode(RecordCodec.noSessionContext(AGENT, CONTROLLER,
                    Messages.request(id, Request.newBuilder().setGet(Get.newBuilder().addParamPaths(CLIENT + "Status"))
                            .build()))));
            assertThat(receive(id).getBody().getResponse().hasGetResp()).as(topic).isTrue();
        }

        setOnAgent(CLIENT + "Subscription.1.Enable", "false");
        awaitValue(stats + "UnSubscribeSent", "1");
        assertThat(value(CLIENT + "Subscription.1.Status")).isEqualTo("Unsubscribed");
        MqttTransportTest.await(() -> !first.status().subscribed().contains("usp/extra/#"));
        assertThat(first.status().subscribed()).contains("usp/more/#");

        setOnAgent(CLIENT + "Subscription.2.QoS", "1");
        awaitValue(stats + "SubscribeSent", "3");
        assertThat(first.settings().subscriptionQos("usp/more/#")).isEqualTo(1);

        onAgent(tx -> tx.delete(CLIENT + "Subscription.2."));
        awaitValue(stats + "UnSubscribeSent", "2");

        assertThat(clients.transport(CLIENT)).isSameAs(first);
        assertThat(first.status().connects()).isEqualTo(1);
        assertThat(value(CLIENT + "Status")).isEqualTo("Connected");
        assertThat(value(stats + "ConnectionErrors")).isEqualTo("0");

        // The agent still answers.
        assertThat(getClient("get-5")).containsEntry("Status", "Connected");
    }

    @Test
    void statsCountTheTrafficAndSurviveAReconnectToTheSameBrokerButNotAMove() throws Exception {
        broker1 = ArtemisBroker.start(dir1);
        broker2 = ArtemisBroker.start(dir2);
        startAgent(broker1.port());
        awaitStatus("Connected");
        String stats = CLIENT + "Stats.";
        assertThat(value(stats + "LastPublishMessageReceived")).isEqualTo("0001-01-01T00:00:00Z");
        controller = TestController.connect(MqttVersion.V5, broker1.port(), "controller-dm", CONTROLLER_TOPIC);
        getClient("get-6");
        assertThat(value(stats + "PublishReceived")).isEqualTo("1");
        assertThat(Long.parseLong(value(stats + "PublishSent"))).isGreaterThanOrEqualTo(1);
        assertThat(value(stats + "BrokerConnectionEstablished")).isNotEqualTo("0001-01-01T00:00:00Z");
        assertThat(value(stats + "LastPublishMessageReceived")).isNotEqualTo("0001-01-01T00:00:00Z");
        assertThat(value(stats + "LastPublishMessageSent")).isNotEqualTo("0001-01-01T00:00:00Z");
        assertThat(value(stats + "PublishErrors")).isEqualTo("0");
        long sent = Long.parseLong(value(stats + "MQTTMessagesSent"));
        assertThat(sent).isGreaterThanOrEqualTo(4); // CONNECT, SUBSCRIBE, PUBACK, PUBLISH
        assertThat(Long.parseLong(value(stats + "MQTTMessagesReceived"))).isGreaterThanOrEqualTo(3);

        MqttTransport first = clients.transport(CLIENT);
        setOnAgent(CLIENT + "KeepAliveTime", "30"); // needs a reconnect to the same broker
        MqttTransportTest.await(() -> clients.transport(CLIENT) != null && clients.transport(CLIENT) != first);
        awaitStatus("Connected");
        assertThat(value(stats + "PublishReceived")).isEqualTo("1");
        assertThat(Long.parseLong(value(stats + "SubscribeSent"))).isEqualTo(2);

        setOnAgent(CLIENT + "BrokerPort", Integer.toString(broker2.port()));
        MqttTransportTest.await(() -> clients.transport(CLIENT) != null
                && clients.transport(CLIENT).settings().port() == broker2.port());
        awaitStatus("Connected");
        assertThat(value(stats + "PublishReceived")).isEqualTo("0");
        assertThat(value(stats + "SubscribeSent")).isEqualTo("1");
    }

    /** A TCP server that accepts connections and never answers: CONNACK never comes. */
    static final class SilentBroker implements AutoCloseable {
        final java.net.ServerSocket server;
        final java.util.List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

        SilentBroker() throws java.io.IOException {
            server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (java.io.IOException closed) {
                    // closed by the test
                }
            }, "silent-broker");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
            for (java.net.Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void replacingAConnectionStuckInConnectDoesNotHoldUpTheAgentThread() throws Exception {
        broker1 = ArtemisBroker.start(dir1);
        try (SilentBroker silent = new SilentBroker()) {
            startAgent(silent.server.getLocalPort());
            MqttTransportTest.await(() -> !silent.accepted.isEmpty());
            assertThat(value(CLIENT + "Status")).isEqualTo("Connecting");
            long start = System.nanoTime();
            setOnAgent(CLIENT + "BrokerPort", Integer.toString(broker1.port()));
            value(CLIENT + "Status"); // runs after the reconciliation that replaced the transport
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(took).as("ms the agent thread was busy").isLessThan(1500);
            awaitStatus("Connected");
        }
    }

    @Test
    void aBrokerThatIsNotThereIsReportedUnreachable() throws Exception {
        startAgent(ArtemisBroker.freePort());
        awaitStatus("Error_BrokerUnreachable");
        assertThat(value("Device.LocalAgent.MTP.1.Status")).isEqualTo("Down");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void transportProtocolTlsConnectsWithTheAgentsTlsSettings(MqttVersion version) throws Exception {
        TestPki pki = TestPki.create(dir1.resolve("pki"));
        mosquitto = MosquittoBroker.startTls(dir2, "127.0.0.1", pki, true);
        startAgent(mosquitto.tlsPort(), version, pki.clientTls(pki.client("agent")), "TLS");
        awaitStatus("Connected");
        assertThat(clients.transport(CLIENT).settings().tls()).isPresent();
        assertThat(value("Device.MQTT.Capabilities.TransportProtocolSupported")).isEqualTo("TCP/IP,TLS");
        controller = TestController.connect(version, mosquitto.port(), "controller-dm", CONTROLLER_TOPIC);
        assertThat(getClient("get-tls")).containsEntry("Status", "Connected");
    }

    @Test
    void aBrokerCertificateFromAnotherCaShowsInStatusAndStats() throws Exception {
        TestPki pki = TestPki.create(dir1.resolve("pki"));
        TestPki stranger = TestPki.create(dir1.resolve("stranger"));
        mosquitto = MosquittoBroker.startTls(dir2, "127.0.0.1", pki, false);
        startAgent(mosquitto.tlsPort(), MqttVersion.V5, stranger.clientTls(), "TLS");
        awaitStatus("Error_BrokerUnreachable");
        awaitValue(CLIENT + "Stats.ConnectionErrors", "2"); // and retrying goes on
        assertThat(clients.transport(CLIENT).status().failure()).isEqualTo(MqttTransport.Failure.TLS);
        assertThat(clients.transport(CLIENT).status().lastError()).contains("certification path");
    }

    @Test
    void withoutTheAgentsTlsSettingsTlsIsRefusedAndSoIsWebSocket() throws Exception {
        broker1 = ArtemisBroker.start(dir1);
        startAgent(broker1.port(), MqttVersion.V5, null, "TCP/IP");
        awaitStatus("Connected");
        MqttTransport first = clients.transport(CLIENT);
        assertThat(value("Device.MQTT.Capabilities.TransportProtocolSupported")).isEqualTo("TCP/IP");
        for (String refused : new String[] {"TLS", "WebSocket"}) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> setOnAgent(CLIENT + "TransportProtocol", refused)))
                    .as(refused).hasMessageContaining("TransportProtocol " + refused + " is not supported");
        }
        assertThat(value(CLIENT + "TransportProtocol")).isEqualTo("TCP/IP");
        assertThat(clients.transport(CLIENT)).isSameAs(first);
    }
}
