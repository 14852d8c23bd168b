package io.usp4j.agent.notify;

import io.usp4j.core.proto.msg.Notify;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends Notify messages to Controllers and, when asked, keeps retrying until the Controller answers with a
 * NotifyResp (TR-369 R-NOT.1–4). Called on the agent thread.
 */
public interface NotificationDelivery {

    /**
     * How hard to try.
     *
     * @param retry true to send with {@code send_resp=true} and retry until a NotifyResp arrives (a
     *     Subscription's {@code NotifRetry}, or an OnBoardRequest)
     * @param expiration how long to keep retrying; {@link Duration#ZERO} means until delivered or restart
     */
    record Policy(boolean retry, Duration expiration) {
        /** Send once, expect no answer. */
        public static final Policy ONCE = new Policy(false, Duration.ZERO);

        public Policy {
            Objects.requireNonNull(expiration, "expiration");
        }
    }

    /**
     * Sends a notification to a Controller, now or, when it cannot be reached, as soon as it can.
     *
     * @param recipientEndpointId the Controller's Endpoint ID
     * @param notify the notification, with its {@code subscription_id}; {@code send_resp} is set from the policy
     * @param policy whether to retry and for how long
     */
    void deliver(String recipientEndpointId, Notify notify, Policy policy);
}
