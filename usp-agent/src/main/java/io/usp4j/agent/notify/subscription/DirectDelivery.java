package io.usp4j.agent.notify.subscription;

import io.usp4j.agent.notify.ControllerRoutes;
import io.usp4j.agent.notify.NotificationDelivery;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.record.RecordCodec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simplest {@link NotificationDelivery}: sends each Notify once, at once, on the route the Controller
 * last used ({@link ControllerRoutes}), or holds it until the Controller becomes reachable (at most
 * {@value #MAX_WAITING} per Controller, the oldest dropped first). {@code send_resp} follows the policy, but
 * nothing is retried and NotifyResp is not awaited: the full delivery (R-NOT.1–4) replaces this one.
 *
 * <p>Called on the agent thread; the reachability callback hands its work to the agent thread.
 */
final class DirectDelivery implements NotificationDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(DirectDelivery.class);
    static final int MAX_WAITING = 256;

    private final String agentEndpointId;
    private final ControllerRoutes routes;
    private final Map<String, Deque<Notify>> waiting = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final String idPrefix = "notify-" + Long.toString(System.currentTimeMillis(), 36) + "-";

    DirectDelivery(String agentEndpointId, ControllerRoutes routes, Executor agentThread) {
        this.agentEndpointId = agentEndpointId;
        this.routes = routes;
        routes.onReachable(DirectDelivery.class.getName(), () -> {
            try {
                agentThread.execute(this::flush);
            } catch (RejectedExecutionException e) {
                LOG.debug("agent stopped; notifications still waiting are dropped");
            }
        });
    }

    @Override
    public void deliver(String recipientEndpointId, Notify notify, Policy policy) {
        Notify n = notify.toBuilder().setSendResp(policy.retry()).build();
        if (!send(recipientEndpointId, n)) {
            Deque<Notify> q = waiting.computeIfAbsent(recipientEndpointId, k -> new ArrayDeque<>());
            if (q.size() >= MAX_WAITING) {
                q.pollFirst();
                LOG.warn("too many notifications wait for {}; the oldest is dropped", recipientEndpointId);
            }
            q.addLast(n);
            LOG.debug("{} is not reachable; a notification waits", recipientEndpointId);
        }
    }

    private void flush() {
        for (Iterator<Map.Entry<String, Deque<Notify>>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Deque<Notify>> e = it.next();
            Deque<Notify> q = e.getValue();
            while (!q.isEmpty() && send(e.getKey(), q.peekFirst())) {
                q.pollFirst();
            }
            if (q.isEmpty()) {
                it.remove();
            }
        }
    }

    private boolean send(String to, Notify notify) {
        Optional<ControllerRoutes.Route> route = routes.route(to);
        if (route.isEmpty() || !route.get().up()) {
            return false;
        }
        Msg msg = Messages.request(idPrefix + sequence.incrementAndGet(), Request.newBuilder().setNotify(notify).build());
        byte[] record = RecordCodec.encode(RecordCodec.noSessionContext(to, agentEndpointId, msg));
        route.get().transport().send(route.get().destination(), record).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("a notification to {} was lost: {}", to, failure.toString());
            }
        });
        return true;
    }
}
