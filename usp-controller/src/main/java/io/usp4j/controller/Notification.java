package io.usp4j.controller;

import io.usp4j.core.proto.msg.Notify;
import java.time.Instant;
import java.util.Objects;

/**
 * A Notify an Agent sent. Immutable.
 *
 * @param agentEndpointId the Agent that sent it ({@code from_id})
 * @param msgId its {@code msg_id}
 * @param payload the Notify itself: {@code subscription_id}, {@code send_resp} and the notification
 * @param receivedAt when it arrived, by the controller's clock
 */
public record Notification(String agentEndpointId, String msgId, Notify payload, Instant receivedAt) {

    public Notification {
        Objects.requireNonNull(agentEndpointId, "agentEndpointId");
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The {@code subscription_id}: the {@code ID} of the Subscription row that fired; empty for none. */
    public String subscriptionId() {
        return payload.getSubscriptionId();
    }

    /** The type as the data model spells it ({@code ValueChange}...), or {@code OnBoardRequest}. */
    public String typeName() {
        return NotifType.of(payload).map(NotifType::dataModelName)
                .orElse(payload.hasOnBoardReq() ? "OnBoardRequest" : payload.getNotificationCase().name());
    }
}
