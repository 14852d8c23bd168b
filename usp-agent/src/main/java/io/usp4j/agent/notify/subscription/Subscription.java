package io.usp4j.agent.notify.subscription;

import io.usp4j.core.path.PathName;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One {@code Device.LocalAgent.Subscription.{i}.} row as the engine last read it, with what it knows of the
 * Recipient Controller.
 *
 * @param path the instance path, with its final dot
 * @param id the {@code ID}: the {@code subscription_id} of its notifications
 * @param enabled {@code Enable}
 * @param recipientPath the Recipient Controller's instance path without its final dot, or null when the row
 *     has no Recipient
 * @param recipientEndpointId the Recipient's {@code EndpointID}, or null when unknown
 * @param recipientEnabled the Recipient's {@code Enable}
 * @param type the {@code NotifType}, or null when unset (the row then matches nothing)
 * @param references the {@code ReferenceList} items that parse as paths
 * @param timeToLive {@code TimeToLive} in seconds, 0 for no limit
 * @param creationDate {@code CreationDate}, or null when it is not an absolute time
 * @param notifRetry {@code NotifRetry}
 * @param notifExpiration {@code NotifExpiration} in seconds
 * @param triggerAction {@code TriggerAction}
 * @param triggerConfigSettings {@code TriggerConfigSettings} items ({@code Param=Value})
 */
record Subscription(String path, String id, boolean enabled, String recipientPath, String recipientEndpointId,
        boolean recipientEnabled, NotifType type, List<PathName> references, long timeToLive, Instant creationDate,
        boolean notifRetry, long notifExpiration, TriggerAction triggerAction, List<String> triggerConfigSettings) {

    Subscription {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(id, "id");
        references = List.copyOf(references);
        Objects.requireNonNull(triggerAction, "triggerAction");
        triggerConfigSettings = List.copyOf(triggerConfigSettings);
    }

    /** The same row with another Recipient (one that was deleted since). */
    Subscription withRecipient(String path, String endpointId, boolean enabled) {
        return new Subscription(this.path, id, this.enabled, path, endpointId, enabled, type, references, timeToLive,
                creationDate, notifRetry, notifExpiration, triggerAction, triggerConfigSettings);
    }

    /** When the TimeToLive removes it, counted from {@code created}; null when it lives on. */
    Instant deadline(Instant created) {
        return timeToLive > 0 ? created.plusSeconds(timeToLive) : null;
    }
}
