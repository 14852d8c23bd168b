package io.usp4j.agent.notify;

import io.usp4j.core.proto.msg.Notify;

/**
 * Where the message engine hands the notifications it produces itself, for delivery to the Controllers
 * subscribed to them. Called on the agent thread.
 */
public interface NotificationSink {

    /** A sink that drops everything, for agents without subscriptions. */
    NotificationSink NONE = completion -> { };

    /**
     * An asynchronous command finished (successfully or not).
     *
     * @param completion the OperationComplete content: object path, command name, command key and result
     */
    void operationComplete(Notify.OperationComplete completion);
}
