package io.usp4j.mtp.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.testing.GetLoad;
import io.usp4j.mtp.mqtt.testing.ArtemisBroker;
import io.usp4j.mtp.mqtt.testing.MosquittoBroker;
import io.usp4j.mtp.mqtt.testing.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gets per second through the broker on loopback (embedded Artemis, MQTT 5.0, QoS 1): one parameter and
 * {@code Device.LocalAgent.}, with 1 and 16 requests in flight. Run with
 * {@code -Dusp4j.bench=true -Dtest=MqttGetBench} (and {@code -Dusp4j.bench.qos=0} for QoS 0); it prints
 * its figures.
 */
@EnabledIfSystemProperty(named = "usp4j.bench", matches = "true")
class MqttGetBench {
    static final String AGENT = "proto::bench-agent";
    static final String CONTROLLER = "proto::bench-controller";
    static final String AGENT_TOPIC = "usp/agents/bench";
    static final String CONTROLLER_TOPIC = "usp/controllers/bench";

    @TempDir
    Path dir;

    @Test
    void getsPerSecond() throws Exception {
        boolean mosquitto = "mosquitto".equals(System.getProperty("usp4j.bench.broker"));
        try (TestBroker broker = mosquitto ? MosquittoBroker.start(dir) : ArtemisBroker.start(dir)) {
            MqttTransport transport = new MqttTransport(MqttSettings.builder(AGENT, "127.0.0.1", broker.port())
                    .responseTopic(AGENT_TOPIC).qos(Integer.getInteger("usp4j.bench.qos", 1)).build());
            try (UspAgent agent = UspAgent.builder().endpointId(AGENT).transport(transport).build()) {
                agent.start();
                MqttTransportTest.await(transport::isConnected);
                Controller c = new Controller(broker.port());
                try {
                    String[] paths = {"Device.LocalAgent.EndpointID", "Device.LocalAgent."};
                    // Warm-up: enough round trips for the JIT to compile both sides' hot paths (a 2-second
                    // warm-up at 1 in flight is only a few thousand, and halved the first figures).
                    for (String path : paths) {
                        c.run(path, 16, Duration.ofSeconds(8));
                    }
                    for (String path : paths) {
                        for (int inFlight : new int[] {1, 16}) {
                            c.run(path, inFlight, Duration.ofSeconds(2));
                            double rate = c.run(path, inFlight, Duration.ofSeconds(5));
                            System.out.printf("%s MQTT 5.0 QoS %d Get %-30s in flight %2d: %8.0f Gets/s%n",
                                    mosquitto ? "mosquitto" : "Artemis", Integer.getInteger("usp4j.bench.qos", 1), path,
                                    inFlight, rate);
                            assertThat(rate).isPositive();
                        }
                    }
                } finally {
                    c.client.disconnect().waitForCompletion(2000);
                    c.client.close();
                }
            }
        }
    }

    /**
     * The floor under the figures above: the same Controller against a bare Paho client that sends each Record
     * straight back, with no agent, no decoding and no USP. What the agent adds is the difference.
     */
    @Test
    void echoWithoutAnAgent() throws Exception {
        boolean mosquitto = "mosquitto".equals(System.getProperty("usp4j.bench.broker"));
        int qos = Integer.getInteger("usp4j.bench.qos", 1);
        try (TestBroker broker = mosquitto ? MosquittoBroker.start(dir) : ArtemisBroker.start(dir)) {
            MqttAsyncClient echo = new MqttAsyncClient("tcp://127.0.0.1:" + broker.port(), "bench-echo", new MemoryPersistence());
            echo.setCallback((MessageOnly) (topic, m) -> {
                MqttMessage back = new MqttMessage(m.getPayload());
                back.setQos(qos);
                echo.publish(CONTROLLER_TOPIC, back);
            });
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setReceiveMaximum(1000);
            o.setSocketFactory(NoDelaySocketFactory.INSTANCE);
            echo.connect(o).waitForCompletion(5000);
            echo.subscribe(AGENT_TOPIC, qos).waitForCompletion(5000);
            Controller c = new Controller(broker.port());
            try {
                String path = "Device.LocalAgent.EndpointID";
                c.run(path, 16, Duration.ofSeconds(8));
                for (int inFlight : new int[] {1, 16}) {
                    c.run(path, inFlight, Duration.ofSeconds(2));
                    double rate = c.run(path, inFlight, Duration.ofSeconds(5));
                    System.out.printf("%s MQTT 5.0 QoS %d echo without an agent          in flight %2d: %8.0f round trips/s%n",
                            mosquitto ? "mosquitto" : "Artemis", qos, inFlight, rate);
                    assertThat(rate).isPositive();
                }
            } finally {
                c.client.disconnect().waitForCompletion(2000);
                c.client.close();
                echo.disconnect().waitForCompletion(2000);
                echo.close();
            }
        }
    }

    /** A Paho callback that only takes messages; connection events are not the bench's business. */
    @FunctionalInterface
    interface MessageOnly extends MqttCallback {
        @Override
        void messageArrived(String topic, MqttMessage message) throws Exception;

        @Override
        default void disconnected(MqttDisconnectResponse r) {}

        @Override
        default void mqttErrorOccurred(MqttException e) {}

        @Override
        default void deliveryComplete(IMqttToken t) {}

        @Override
        default void connectComplete(boolean reconnect, String uri) {}

        @Override
        default void authPacketArrived(int code, MqttProperties p) {}
    }

    /** A Paho 5.0 controller that keeps a number of Gets in flight and counts the answers. */
    static final class Controller extends GetLoad {
        final MqttAsyncClient client;

        Controller(int port) throws MqttException {
            client = new MqttAsyncClient("tcp://127.0.0.1:" + port, "bench-controller", new MemoryPersistence());
            client.setCallback((MessageOnly) (topic, m) -> received(m.getPayload()));
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setReceiveMaximum(1000);
            o.setSocketFactory(NoDelaySocketFactory.INSTANCE);
            client.connect(o).waitForCompletion(5000);
            client.subscribe(CONTROLLER_TOPIC, Integer.getInteger("usp4j.bench.qos", 1)).waitForCompletion(5000);
        }

        @Override
        protected void send(String msgId, String path) throws MqttException {
            Msg get = AgentOverMqttTest.get(msgId, path);
            MqttMessage m = new MqttMessage(RecordCodec.encode(RecordCodec.noSessionContext(AGENT, CONTROLLER, get)));
            m.setQos(Integer.getInteger("usp4j.bench.qos", 1));
            MqttProperties p = new MqttProperties();
            p.setResponseTopic(CONTROLLER_TOPIC);
            p.setContentType(MqttTransport.CONTENT_TYPE);
            m.setProperties(p);
            client.publish(AGENT_TOPIC, m);
        }
    }
}
