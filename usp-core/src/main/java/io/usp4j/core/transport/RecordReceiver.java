package io.usp4j.core.transport;

/**
 * What a {@link MessageTransport} reports to. Called on the transport's threads; implementations hand the
 * work to their own thread and return quickly.
 */
public interface RecordReceiver {

    /**
     * A Record arrived.
     *
     * @param record its bytes, where it came from and how to answer
     */
    void onRecord(InboundRecord record);

    /**
     * A channel to a peer came up or went down (an MQTT or STOMP broker connection, a WebSocket session).
     * Transports without channels never call it.
     *
     * @param destination the peer, as {@link MessageTransport#send} would address it
     * @param up true when it is usable now
     */
    default void onConnectionChange(Destination destination, boolean up) {}
}
