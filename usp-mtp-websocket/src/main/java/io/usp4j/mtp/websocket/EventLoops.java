package io.usp4j.mtp.websocket;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

/** Helpers for the transports' own event-loop groups. Stateless. */
final class EventLoops {
    private EventLoops() {}

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
}
