package io.usp4j.core.transport;

import java.util.Objects;
import java.util.Optional;

/**
 * A Record as a transport received it: its bytes, the transport it came on, where an answer goes, and the
 * Endpoint ID the transport authenticated the sender as, if it did (a TLS client certificate, a broker
 * identity). Immutable; the bytes are not copied, so neither side may change them.
 *
 * @param bytes the encoded Record
 * @param transport the transport it arrived on; a response goes back on it (R-MSG.0a)
 * @param replyTo where a response to it goes on that transport
 * @param authenticatedEndpointId the sender's Endpoint ID as the transport's security established it, or
 *     null when the transport authenticates nobody
 */
public record InboundRecord(byte[] bytes, MessageTransport transport, Destination replyTo, String authenticatedEndpointId) {

    public InboundRecord {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(replyTo, "replyTo");
    }

    /** The authenticated sender, if the transport established one. */
    public Optional<String> authenticated() {
        return Optional.ofNullable(authenticatedEndpointId);
    }
}
