package io.usp4j.core.transport;

import java.util.Map;
import java.util.Objects;

/**
 * Where a Record goes on one transport: the peer's Endpoint ID when known, and the transport's own address
 * (an MQTT topic, a STOMP destination, a WebSocket session or URL), as key/value pairs the transport defines.
 * Immutable.
 *
 * @param endpointId the peer's Endpoint ID, or empty when the transport does not know it
 * @param address the transport-specific address
 */
public record Destination(String endpointId, Map<String, String> address) {

    public Destination {
        Objects.requireNonNull(endpointId, "endpointId");
        address = Map.copyOf(address);
    }

    /** A destination known by Endpoint ID only. */
    public static Destination of(String endpointId) {
        return new Destination(endpointId, Map.of());
    }

    /** One address entry, or null. */
    public String get(String key) {
        return address.get(key);
    }
}
