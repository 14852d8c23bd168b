package io.usp4j.controller;

import io.usp4j.core.proto.record.Record;
import io.usp4j.core.transport.Destination;
import java.time.Instant;
import java.util.Objects;

/**
 * An Agent announced itself with a connect Record ({@code mqtt_connect}, {@code websocket_connect},
 * {@code stomp_connect}, {@code uds_connect}) or left with a {@code disconnect} Record. Immutable.
 *
 * @param agentEndpointId the Agent ({@code from_id})
 * @param record the Record, whose {@code record_type} says which
 * @param replyTo where the transport says the Agent can be reached
 * @param receivedAt when it arrived, by the controller's clock
 */
public record AgentPresence(String agentEndpointId, Record record, Destination replyTo, Instant receivedAt) {

    public AgentPresence {
        Objects.requireNonNull(agentEndpointId, "agentEndpointId");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** True for a connect Record, false for a disconnect Record. */
    public boolean connected() {
        return !record.hasDisconnect();
    }

    /** Listens for connect and disconnect Records; called on the controller's executor. */
    @FunctionalInterface
    public interface Listener {
        /** An Agent connected or disconnected. */
        void onPresence(AgentPresence presence);
    }
}
