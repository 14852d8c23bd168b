package io.usp4j.core.transport;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of an in-process link between two endpoints, for tests and benchmarks: what one end sends, the
 * other end's {@link RecordReceiver} gets, synchronously on the sending thread, with the sending end's
 * Endpoint ID as both the reply address and the authenticated identity. The link can be cut and restored
 * to test reconnect behaviour; while it is cut, {@link #send} fails with {@link TransportException}.
 *
 * <p>Thread-safe.
 */
public final class InMemoryTransport implements MessageTransport {
    private final String protocol;
    private final String localEndpointId;
    private final Link link;
    private InMemoryTransport peer;
    private volatile RecordReceiver receiver;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The shared state of the two ends. */
    private static final class Link {
        volatile boolean up = true;
    }

    /**
     * Two connected ends.
     *
     * @param first one end
     * @param second the other end
     */
    public record Pair(InMemoryTransport first, InMemoryTransport second) {}

    private InMemoryTransport(String protocol, String localEndpointId, Link link) {
        this.protocol = protocol;
        this.localEndpointId = localEndpointId;
        this.link = link;
    }

    /**
     * Creates a connected pair.
     *
     * @param protocol the protocol name both ends report
     * @param firstEndpointId the Endpoint ID of the endpoint using {@link Pair#first()}
     * @param secondEndpointId the Endpoint ID of the endpoint using {@link Pair#second()}
     */
    public static Pair pair(String protocol, String firstEndpointId, String secondEndpointId) {
        Link link = new Link();
        InMemoryTransport a = new InMemoryTransport(protocol, firstEndpointId, link);
        InMemoryTransport b = new InMemoryTransport(protocol, secondEndpointId, link);
        a.peer = b;
        b.peer = a;
        return new Pair(a, b);
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public void start(RecordReceiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        if (closed.get() || this.receiver != null) {
            throw new IllegalStateException("already started or closed");
        }
        this.receiver = receiver;
    }

    /** The address the other end reaches this one at. */
    public Destination address() {
        return new Destination(localEndpointId, Map.of("peer", localEndpointId));
    }

    @Override
    public CompletionStage<Void> send(Destination destination, byte[] record) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(record, "record");
        RecordReceiver target = peer.receiver;
        if (closed.get() || peer.closed.get() || !link.up) {
            return CompletableFuture.failedFuture(new TransportException("in-memory link to " + peer.localEndpointId + " is down"));
        }
        if (target == null) {
            return CompletableFuture.failedFuture(new TransportException(peer.localEndpointId + " has not started"));
        }
        target.onRecord(new InboundRecord(record.clone(), peer, address(), localEndpointId));
        return CompletableFuture.completedFuture(null);
    }

    /** Cuts the link: both ends hear it go down and sends fail until {@link #reconnect()}. */
    public void disconnect() {
        if (link.up) {
            link.up = false;
            notifyBoth(false);
        }
    }

    /** Restores a cut link: both ends hear it come up. */
    public void reconnect() {
        if (!link.up) {
            link.up = true;
            notifyBoth(true);
        }
    }

    /** True while the link is up. */
    public boolean isConnected() {
        return link.up;
    }

    private void notifyBoth(boolean up) {
        RecordReceiver mine = receiver;
        RecordReceiver theirs = peer.receiver;
        if (mine != null) {
            mine.onConnectionChange(peer.address(), up);
        }
        if (theirs != null) {
            theirs.onConnectionChange(address(), up);
        }
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "in-memory " + protocol + " " + localEndpointId + " <-> " + peer.localEndpointId;
    }
}
