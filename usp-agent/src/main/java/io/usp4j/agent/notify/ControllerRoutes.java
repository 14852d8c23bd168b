package io.usp4j.agent.notify;

import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.MessageTransport;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How to reach each Controller with a Record the agent starts (a notification): the transport and address
 * its last Record came from, and whether that channel is up. Configured routes from the Controller table's
 * {@code MTP.{i}.} entries come with the MTP modules; until then a Controller is reachable once it has
 * spoken. Thread-safe: transports report on their threads, the agent reads on its own.
 */
public final class ControllerRoutes {

    /**
     * One way to a Controller.
     *
     * @param transport the transport
     * @param destination the address on it
     * @param up whether the channel is usable now
     */
    public record Route(MessageTransport transport, Destination destination, boolean up) {
        public Route {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(destination, "destination");
        }
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Runnable> upListeners = new ConcurrentHashMap<>();

    /** Records that a Controller's Record came in on {@code transport} from {@code replyTo}. */
    public void seen(String endpointId, MessageTransport transport, Destination replyTo) {
        Route before = routes.put(endpointId, new Route(transport, replyTo, true));
        if (before == null || !before.up()) {
            fireUp(endpointId);
        }
    }

    /** Records that the channel to whatever {@code destination} names went up or down. */
    public void connectionChanged(Destination destination, boolean up) {
        routes.replaceAll((id, r) -> r.destination().equals(destination) || id.equals(destination.endpointId())
                ? new Route(r.transport(), r.destination(), up) : r);
        if (up && !destination.endpointId().isEmpty()) {
            fireUp(destination.endpointId());
        }
    }

    /** The way to a Controller, if it is known. */
    public Optional<Route> route(String endpointId) {
        return Optional.ofNullable(routes.get(endpointId));
    }

    /**
     * Runs {@code listener} whenever a Controller becomes reachable (again), on the reporting thread; one
     * listener per owner key, replacing any earlier one.
     */
    public void onReachable(String owner, Runnable listener) {
        upListeners.put(owner, listener);
    }

    private void fireUp(String endpointId) {
        upListeners.values().forEach(Runnable::run);
    }
}
