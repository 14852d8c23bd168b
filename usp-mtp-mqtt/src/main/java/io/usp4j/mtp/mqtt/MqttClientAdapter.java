package io.usp4j.mtp.mqtt;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between {@link MqttTransport} and an MQTT client library: one connection attempt's client, with
 * blocking connect and subscribe (they run on the transport's own thread) and asynchronous publish. Two
 * adapters wrap Eclipse Paho: {@link PahoV5Adapter} and {@link PahoV3Adapter}. Automatic reconnect of the
 * library is never used: the transport runs the TR-369 retry algorithm itself.
 */
interface MqttClientAdapter extends AutoCloseable {

    /** What CONNACK said. */
    record ConnectResult(String assignedClientId, String responseInformation, List<String> subscribeTopics,
            int maximumQos, boolean retainAvailable) {
        public ConnectResult {
            subscribeTopics = List.copyOf(subscribeTopics);
        }
    }

    /**
     * One PUBLISH received.
     *
     * @param topic the topic name it arrived on
     * @param payload its payload
     * @param responseTopic the 5.0 Response Topic, or null
     * @param contentType the 5.0 Content Type, or null
     * @param qos the QoS it arrived with (a PUBACK follows for 1)
     */
    record Inbound(String topic, byte[] payload, String responseTopic, String contentType, int qos) {}

    /** Where a connection's events go; called on the library's threads. */
    interface Events {
        /** A PUBLISH arrived. */
        void message(Inbound message);

        /** The connection was lost (not after {@link #close}). */
        void lost(Throwable cause);
    }

    /**
     * Connects, waiting for CONNACK.
     *
     * @throws Exception when the connection is refused or fails
     */
    ConnectResult connect() throws Exception;

    /**
     * Sends one SUBSCRIBE, waiting for SUBACK.
     *
     * @param filters the topic filters
     * @param qos the requested QoS of each filter, in the same order
     * @return for each filter, in order, whether the broker granted it
     * @throws Exception when the SUBSCRIBE could not be sent or SUBACK did not come
     */
    List<Boolean> subscribe(List<String> filters, List<Integer> qos) throws Exception;

    /**
     * Sends one UNSUBSCRIBE, waiting for UNSUBACK.
     *
     * @throws Exception when the UNSUBSCRIBE could not be sent or UNSUBACK did not come
     */
    void unsubscribe(List<String> filters) throws Exception;

    /**
     * Publishes.
     *
     * @param responseTopic the 5.0 Response Topic and Content Type to set; a 3.1.1 adapter ignores them
     * @param retain the RETAIN flag
     * @return completes when the broker acknowledged it (QoS 1) or it was written (QoS 0)
     */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain, String responseTopic,
            String contentType);

    /**
     * Disconnects (sending DISCONNECT when connected) and frees the client; may block for a few seconds while
     * the broker does not answer. Never throws.
     */
    @Override
    void close();
}
