package io.usp4j.agent.notify.delivery;

/**
 * Counters of the {@link NotificationOutbox} since the agent started (retry state is not kept across
 * restarts, R-NOT.4). Immutable snapshot.
 *
 * @param accepted notifications handed to the outbox
 * @param sent Records handed to a transport, first sends and retries alike
 * @param retries of those, the retransmissions of a notification already sent
 * @param sendFailures sends the transport refused
 * @param delivered notifications answered with a NotifyResp
 * @param rejected notifications answered with an Error (which also ends their retries)
 * @param expired notifications whose NotifExpiration passed before an answer came
 * @param dropped notifications dropped because a Controller's queue was full
 * @param pending notifications held now: waiting to be sent or for their answer
 */
public record DeliveryStats(
        long accepted, long sent, long retries, long sendFailures, long delivered, long rejected, long expired,
        long dropped, int pending) {}
