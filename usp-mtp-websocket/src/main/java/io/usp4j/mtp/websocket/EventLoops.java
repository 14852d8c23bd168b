package io.usp4j.mtp.websocket;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Helpers for the transports' own event-loop groups: making them, asking about them, shutting them down. Stateless. */
final class EventLoops {
    private EventLoops() {}

    /**
     * A transport's own NIO event-loop group, of daemon threads (they do not keep the JVM alive).
     *
     * @param threads how many event loops
     * @param threadName the name of each of its threads
     */
    static EventLoopGroup group(int threads, String threadName) {
        return new MultiThreadIoEventLoopGroup(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
    }

    /**
     * Whether the calling thread is one of the group's event loops: there a transport must not wait for its
     * own I/O (Netty would refuse with a {@code BlockingOperationException}).
     */
    static boolean inside(EventLoopGroup group) {
        for (EventExecutor e : group) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Shuts the group down at once (at most 2 s of grace for tasks already queued); with {@code mayWait},
     * waits up to 5 s for its threads to end.
     */
    static void shutdown(EventLoopGroup group, boolean mayWait) {
        Future<?> down = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (mayWait) {
            down.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
