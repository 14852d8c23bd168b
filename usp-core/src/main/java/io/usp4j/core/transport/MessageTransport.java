package io.usp4j.core.transport;

import java.util.concurrent.CompletionStage;

/**
 * A Message Transfer Protocol endpoint (MQTT client, WebSocket server or client, STOMP connection, UDS
 * socket, or the in-memory transport of tests): it carries USP Records, as bytes, between this endpoint and
 * its peers, and knows nothing of what they contain. The same interface serves an Agent and a Controller.
 *
 * <p>Lifecycle: {@link #start} once, then {@link #send} any number of times from any thread, then
 * {@link #close}. Inbound Records and connection changes are reported to the {@link RecordReceiver} given to
 * {@code start}, on the transport's own threads; the receiver hands them to whoever owns the work.
 */
public interface MessageTransport extends AutoCloseable {

    /** The MTP's name as the data model writes it: {@code MQTT}, {@code WebSocket}, {@code STOMP}, {@code UDS}. */
    String protocol();

    /**
     * Starts delivering. A transport that connects out (MQTT, STOMP, WebSocket client) begins connecting; one
     * that listens begins accepting.
     *
     * @param receiver where inbound Records and connection changes go
     * @throws IllegalStateException when already started or closed
     */
    void start(RecordReceiver receiver);

    /**
     * Sends one Record.
     *
     * @param destination where: the {@link InboundRecord#replyTo()} of a request for its response, or a
     *     Controller's configured address for a notification
     * @param record the encoded Record
     * @return completes when the transport has handed the Record to the network (or to its peer, for the
     *     in-memory transport); fails with {@link TransportException} when it cannot be sent now
     */
    CompletionStage<Void> send(Destination destination, byte[] record);

    /** Stops: disconnects, stops listening, drops what is not yet sent. Closing twice does nothing. */
    @Override
    void close();
}
