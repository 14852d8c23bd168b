package io.usp4j.controller;

/** Receives notifications. Called on the controller's executor (see {@link UspController}); must not block for long. */
@FunctionalInterface
public interface NotificationListener {

    /**
     * A notification arrived (its {@code NotifyResp}, when asked for, has been sent already).
     *
     * @param notification what arrived
     */
    void onNotification(Notification notification);
}
