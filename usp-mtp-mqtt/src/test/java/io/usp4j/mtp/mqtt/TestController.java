package io.usp4j.mtp.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * A Controller's MQTT side made of a plain Paho client, 5.0 or 3.1.1: subscribes to its own topic, publishes
 * raw Records to an agent's topic the way TR-369 says, and collects what arrives.
 */
final class TestController implements AutoCloseable {
    /** One PUBLISH the controller received. */
    record Received(String topic, byte[] payload, String responseTopic, String contentType) {
        String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final MqttVersion version;
    private final String topic;
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private org.eclipse.paho.mqttv5.client.MqttClient v5;
    private org.eclipse.paho.client.mqttv3.MqttClient v3;

    private TestController(MqttVersion version, String topic) {
        this.version = version;
        this.topic = topic;
    }

    /** Connects and subscribes to {@code topic} (3.1.1: to {@code topic/#}, where reply-to suffixes land). */
    static TestController connect(MqttVersion version, int port, String clientId, String topic) throws Exception {
        TestController c = new TestController(version, topic);
        String uri = "tcp://127.0.0.1:" + port;
        if (version == MqttVersion.V5) {
            c.v5 = new org.eclipse.paho.mqttv5.client.MqttClient(uri, clientId,
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            org.eclipse.paho.mqttv5.client.MqttConnectionOptions o = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
            o.setAutomaticReconnect(true);
            o.setCleanStart(true);
            c.v5.connect(o);
            c.v5.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription(topic, 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> c.inbox.add(new Received(t,
                            m.getPayload(), m.getProperties() == null ? null : m.getProperties().getResponseTopic(),
                            m.getProperties() == null ? null : m.getProperties().getContentType()))});
        } else {
            c.v3 = new org.eclipse.paho.client.mqttv3.MqttClient(uri, clientId,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setAutomaticReconnect(true);
            o.setCleanSession(true);
            c.v3.connect(o);
            c.v3.subscribe(topic + "/#", 1, (t, m) -> c.inbox.add(new Received(t, m.getPayload(), null, null)));
        }
        return c;
    }

    String topic() {
        return topic;
    }

    /** Publishes a Record to {@code agentTopic} with this controller's topic as the reply-to. */
    void publish(String agentTopic, byte[] record) throws Exception {
        publish(agentTopic, record, topic, MqttTransport.CONTENT_TYPE);
    }

    /** Publishes; a null {@code replyTo} or {@code contentType} leaves it out. */
    void publish(String agentTopic, byte[] record, String replyTo, String contentType) throws Exception {
        if (version == MqttVersion.V5) {
            org.eclipse.paho.mqttv5.common.MqttMessage m = new org.eclipse.paho.mqttv5.common.MqttMessage(record);
            m.setQos(1);
            org.eclipse.paho.mqttv5.common.packet.MqttProperties p = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            if (replyTo != null) {
                p.setResponseTopic(replyTo);
            }
            if (contentType != null) {
                p.setContentType(contentType);
            }
            m.setProperties(p);
            v5.publish(agentTopic, m);
        } else {
            org.eclipse.paho.client.mqttv3.MqttMessage m = new org.eclipse.paho.client.mqttv3.MqttMessage(record);
            m.setQos(1);
            v3.publish(replyTo == null ? agentTopic : MqttTopics.withReplyTo(agentTopic, replyTo), m);
        }
    }

    /** The next PUBLISH received, or null after the timeout. */
    Received poll(long millis) throws InterruptedException {
        return inbox.poll(millis, TimeUnit.MILLISECONDS);
    }

    boolean connected() {
        return v5 != null ? v5.isConnected() : v3.isConnected();
    }

    @Override
    public void close() {
        try {
            closeClients();
        } catch (Exception e) {
            throw new IllegalStateException("controller client did not close", e);
        }
    }

    private void closeClients() throws Exception {
        if (v5 != null) {
            if (v5.isConnected()) {
                v5.disconnect();
            }
            v5.close(true);
        }
        if (v3 != null) {
            if (v3.isConnected()) {
                v3.disconnect();
            }
            v3.close(true);
        }
    }
}
