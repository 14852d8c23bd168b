package io.usp4j.controller;

import io.usp4j.core.proto.msg.DeleteResp;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code Device.LocalAgent.Subscription.{i}.} row {@link RemoteAgent#subscribe} added, whose notifications
 * go to the listener given there. Thread-safe.
 */
public final class Subscription {
    private final RemoteAgent agent;
    private final String path;
    private final String id;
    private final ListenerRegistration registration;

    Subscription(RemoteAgent agent, String path, String id, ListenerRegistration registration) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.path = Objects.requireNonNull(path, "path");
        this.id = Objects.requireNonNull(id, "id");
        this.registration = Objects.requireNonNull(registration, "registration");
    }

    /** The row's Object Instance Path, such as {@code Device.LocalAgent.Subscription.3.}. */
    public String path() {
        return path;
    }

    /** The row's {@code ID}: the {@code subscription_id} of its notifications. */
    public String id() {
        return id;
    }

    /** The Agent it lives on. */
    public RemoteAgent agent() {
        return agent;
    }

    /**
     * Stops routing its notifications to the listener, then deletes the row.
     *
     * @return the Agent's answer to the Delete; fails as {@link RemoteAgent#send} does
     */
    public CompletableFuture<DeleteResp> cancel() {
        registration.close();
        return agent.delete(List.of(path));
    }

    /** Stops routing its notifications to the listener, leaving the row on the Agent. */
    public void detach() {
        registration.close();
    }

    @Override
    public String toString() {
        return path + " (ID " + id + ")";
    }
}
