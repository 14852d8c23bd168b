package io.usp4j.agent.notify.delivery;

import io.usp4j.agent.notify.ControllerRoutes;
import io.usp4j.agent.notify.NotificationDelivery;
import io.usp4j.agent.time.Timers;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Body;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.RetryInterval;
import io.usp4j.datamodel.instance.DataModel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's outbox of notifications: one queue per Controller of the Notify messages it has to send and,
 * for those sent with {@code send_resp=true}, has yet to see answered (TR-369 "Responses to Notifications
 * and Notification Retry", R-NOT.1–4, R-NOT.6–8).
 *
 * <p><b>What happens to a notification.</b> {@link #deliver} wraps it in a Notify Message with a fresh
 * {@code msg_id} and {@code send_resp} set from the policy, in a {@code no_session_context} Record, and sends
 * it on the Controller's {@link ControllerRoutes route}. When the Controller cannot be reached (no route yet,
 * or its channel is down) the notification waits in the queue and goes out, in order, as soon as the
 * Controller becomes reachable; nothing is dropped silently.
 * <ul>
 *   <li>{@link io.usp4j.agent.notify.NotificationDelivery.Policy#ONCE ONCE}: sent once; done when the
 *       transport has taken it. When the transport refuses it, it is tried again when the Controller becomes
 *       reachable again, and meanwhile after the retry wait (it is still a single send of a notification
 *       nobody acknowledges: R-NOT.8 answers are ignored). Its expiration is ignored, as TR-181 ignores
 *       {@code NotifExpiration} when {@code NotifRetry} is false.</li>
 *   <li>retry: kept until a NotifyResp with the same {@code msg_id} comes from that Controller. Every retry
 *       re-sends the same Message, same {@code msg_id}: a response to any copy completes it, and a Controller
 *       that processes the same request twice sees it as the duplicate it is (R-MSG.4, and the MTP rule that
 *       receivers filter duplicates by {@code msg_id}). Retry n waits a random time in
 *       {@code [m·(k/1000)^(n−1), m·(k/1000)^n]} s after the previous send (n stays 10 from the tenth retry,
 *       R-NOT.2; see {@link io.usp4j.core.transport.RetryInterval}), with m and k read, at each retry, from the Controller's
 *       {@code USPNotifRetryMinimumWaitInterval} and {@code USPNotifRetryIntervalMultiplier} (5 and 2000 when
 *       it has no row). The count is per notification, so a new notification starts at zero, and nothing of
 *       it survives a restart (R-NOT.3, R-NOT.4). A non-zero expiration, counted from {@link #deliver},
 *       ends the retries when it passes (the Subscription's {@code NotifExpiration}); zero means until
 *       answered or restart.</li>
 *   <li>An Error answering a retried notification also ends it (counted as rejected, logged at WARN): the
 *       Controller has received it, and sending the same Message again would only earn the same Error. The
 *       spec does not say either way.</li>
 *   <li>A retry that falls due while the Controller is unreachable is sent as soon as it is reachable again,
 *       and the next wait counts from then; retries not yet due keep their time. So a reconnect never makes
 *       the agent send more often than the backoff allows, nor wait a full interval for a retry it owes.</li>
 *   <li>At most {@link DeliverySettings#queueLimit()} notifications are held per Controller (waiting to be
 *       sent or for their answer). A new one beyond it drops the oldest (an OnBoardRequest only when nothing
 *       else is left), logged at WARN and counted in {@link #stats()}.</li>
 * </ul>
 * Answers that match nothing outstanding, and answers to notifications sent with {@code send_resp=false},
 * are ignored (R-MSG.9, R-NOT.8).
 *
 * <p><b>Threads.</b> {@link #deliver}, {@link #send}, {@link #onAnswer} and {@link #pending(String)} run on
 * the agent thread, as do the timers; reachability reports and transport completions from other threads are
 * handed to it. {@link #stats()} may be read from any thread.
 */
public final class NotificationOutbox implements NotificationDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationOutbox.class);

    /** How a notification ended. */
    public enum Outcome {
        /** Sent with {@code send_resp=false}: handed to the transport; nobody will say more. */
        SENT,
        /** Answered with a NotifyResp. */
        DELIVERED,
        /** Answered with an Error. */
        REJECTED,
        /** Its expiration passed before an answer came. */
        EXPIRED,
        /** Dropped because the Controller's queue was full. */
        DROPPED,
        /** Withdrawn by the agent, typically because a newer OnBoardRequest replaced it. */
        WITHDRAWN
    }

    /**
     * A notification in the outbox.
     *
     * @param recipientEndpointId the Controller it goes to
     * @param msgId the {@code msg_id} of its Notify Message, the same for every retry
     * @param outcome completes, on the agent thread, when it leaves the outbox
     */
    public record Delivery(String recipientEndpointId, String msgId, CompletionStage<Outcome> outcome) {}

    /** One held notification. */
    private static final class Entry {
        final String recipient;
        final String msgId;
        final Policy policy;
        final boolean protectedFromDrop;
        final byte[] record;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        /** Times it was handed to a transport (or tried to be). */
        int transmissions;
        /** Failed sends of a once-only notification, to space out its re-attempts. */
        int failedSends;
        /** True while it waits for the Controller to be reachable to be (re)sent. */
        boolean awaitingSend = true;
        Timers.Timer retryTimer;
        Timers.Timer expiryTimer;

        Entry(String recipient, String msgId, Policy policy, boolean protectedFromDrop, byte[] record) {
            this.recipient = recipient;
            this.msgId = msgId;
            this.policy = policy;
            this.protectedFromDrop = protectedFromDrop;
            this.record = record;
        }
    }

    private final String agentEndpointId;
    private final ControllerRoutes routes;
    private final Timers timers;
    private final Executor agentThread;
    private final DataModel model;
    private final int queueLimit;
    private final RandomGenerator random;
    private final String idPrefix;
    private long lastId;
    private final Map<String, LinkedHashMap<String, Entry>> held = new HashMap<>();

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicInteger pendingCount = new AtomicInteger();

    /**
     * Creates the outbox and starts listening for Controllers becoming reachable.
     *
     * @param agentEndpointId this agent's Endpoint ID (the {@code from_id} of the Records)
     * @param routes how to reach each Controller
     * @param timers the timers retries and expirations run on
     * @param clock the agent's clock (for {@code msg_id}s that differ from one run to the next)
     * @param agentThread the agent thread
     * @param model the data model, for each Controller's retry settings
     * @param settings queue limit and random source
     */
    public NotificationOutbox(String agentEndpointId, ControllerRoutes routes, Timers timers, Clock clock,
            Executor agentThread, DataModel model, DeliverySettings settings) {
        this.agentEndpointId = Objects.requireNonNull(agentEndpointId, "agentEndpointId");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.agentThread = Objects.requireNonNull(agentThread, "agentThread");
        this.model = Objects.requireNonNull(model, "model");
        this.queueLimit = settings.queueLimit();
        this.random = settings.random();
        this.idPrefix = "usp4j-notify-" + Long.toString(clock.millis(), 36) + "-";
        routes.onReachable(NotificationOutbox.class.getName(), () -> onAgentThread(this::flushAll));
    }

    /**
     * Sends a notification, now or as soon as the Controller can be reached, as the class comment describes.
     * Agent thread only.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the notification has no content ({@code notification} not set)
     */
    @Override
    public void deliver(String recipientEndpointId, Notify notify, Policy policy) {
        send(recipientEndpointId, notify, policy);
    }

    /**
     * As {@link #deliver}, and tells how it ends.
     *
     * @return the notification's {@code msg_id} and outcome
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the notification has no content ({@code notification} not set)
     */
    public Delivery send(String recipientEndpointId, Notify notify, Policy policy) {
        return submit(recipientEndpointId, notify, policy, false);
    }

    /** Submits a notification; a protected one is dropped for room only when nothing else is held. */
    Delivery submit(String recipient, Notify notify, Policy policy, boolean protectedFromDrop) {
        Objects.requireNonNull(recipient, "recipientEndpointId");
        Objects.requireNonNull(notify, "notify");
        Objects.requireNonNull(policy, "policy");
        if (notify.getNotificationCase() == Notify.NotificationCase.NOTIFICATION_NOT_SET) {
            throw new IllegalArgumentException("a Notify needs a notification");
        }
        String msgId = idPrefix + (++lastId);
        Msg msg = Messages.request(msgId, Request.newBuilder()
                .setNotify(notify.toBuilder().setSendResp(policy.retry())).build());
        Entry e = new Entry(recipient, msgId, policy, protectedFromDrop,
                RecordCodec.encode(RecordCodec.noSessionContext(recipient, agentEndpointId, msg)));
        accepted.incrementAndGet();
        LinkedHashMap<String, Entry> queue = held.computeIfAbsent(recipient, r -> new LinkedHashMap<>());
        while (queue.size() >= queueLimit) {
            drop(queue);
        }
        queue.put(msgId, e);
        pendingCount.incrementAndGet();
        Duration expiration = policy.expiration();
        if (policy.retry() && !expiration.isZero() && !expiration.isNegative()) {
            e.expiryTimer = timers.schedule(expiration, () -> expire(e));
        }
        LOG.debug("notification {} for {} ({}) accepted", msgId, recipient, notify.getNotificationCase());
        flush(recipient);
        return new Delivery(recipient, msgId, e.outcome);
    }

    /**
     * Hands an answer from a Controller (a Response or an Error Message) to the notification it answers.
     * Agent thread only.
     *
     * @param fromId the Controller's Endpoint ID
     * @param msg the answer
     * @return true when it completed an outstanding notification; false when it was ignored
     */
    public boolean onAnswer(String fromId, Msg msg) {
        String msgId = msg.getHeader().getMsgId();
        LinkedHashMap<String, Entry> queue = held.get(fromId);
        Entry e = queue == null ? null : queue.get(msgId);
        if (e == null || !e.policy.retry() || e.transmissions == 0) {
            LOG.debug("{} {} from {} matches no outstanding notification", msg.getHeader().getMsgType(), msgId, fromId);
            return false;
        }
        Body body = msg.getBody();
        if (body.hasError()) {
            rejected.incrementAndGet();
            LOG.warn("{} answered notification {} with Error {}: {}", fromId, msgId, body.getError().getErrCode(),
                    body.getError().getErrMsg());
            complete(e, Outcome.REJECTED);
            return true;
        }
        if (body.hasResponse() && body.getResponse().hasNotifyResp()) {
            delivered.incrementAndGet();
            LOG.debug("notification {} delivered to {} after {} send(s)", msgId, fromId, e.transmissions);
            complete(e, Outcome.DELIVERED);
            return true;
        }
        LOG.warn("{} answered notification {} with a {}, not a NotifyResp; ignored", fromId, msgId,
                msg.getHeader().getMsgType());
        return false;
    }

    /** How many notifications are held for a Controller now. Agent thread only. */
    public int pending(String recipientEndpointId) {
        LinkedHashMap<String, Entry> queue = held.get(recipientEndpointId);
        return queue == null ? 0 : queue.size();
    }

    /** The counters so far. Any thread. */
    public DeliveryStats stats() {
        return new DeliveryStats(accepted.get(), sent.get(), retries.get(), sendFailures.get(), delivered.get(),
                rejected.get(), expired.get(), dropped.get(), pendingCount.get());
    }

    /** Takes a notification out of the outbox unanswered; does nothing when it is gone already. */
    void withdraw(String recipient, String msgId) {
        LinkedHashMap<String, Entry> queue = held.get(recipient);
        Entry e = queue == null ? null : queue.get(msgId);
        if (e != null) {
            complete(e, Outcome.WITHDRAWN);
        }
    }

    DataModel model() {
        return model;
    }

    Timers timers() {
        return timers;
    }

    /** Runs a task on the agent thread; dropped quietly once the agent has stopped. */
    void onAgentThread(Runnable task) {
        try {
            agentThread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("agent stopped; a delivery task is dropped");
        }
    }

    private void drop(LinkedHashMap<String, Entry> queue) {
        Entry victim = null;
        for (Entry e : queue.values()) {
            if (!e.protectedFromDrop) {
                victim = e;
                break;
            }
        }
        if (victim == null) {
            victim = queue.values().iterator().next();
        }
        dropped.incrementAndGet();
        LOG.warn("{} notifications held for {}: dropping the oldest, {} ({})", queue.size(), victim.recipient,
                victim.msgId, victim.transmissions == 0 ? "never sent" : "sent " + victim.transmissions + " time(s)");
        complete(victim, Outcome.DROPPED);
    }

    private void flushAll() {
        for (String recipient : List.copyOf(held.keySet())) {
            flush(recipient);
        }
    }

    /** Sends, in order, everything waiting for the Controller, when it is reachable. */
    private void flush(String recipient) {
        Optional<ControllerRoutes.Route> route = routes.route(recipient);
        LinkedHashMap<String, Entry> queue = held.get(recipient);
        if (queue == null || route.isEmpty() || !route.get().up()) {
            return;
        }
        List<Entry> waiting = new ArrayList<>();
        for (Entry e : queue.values()) {
            if (e.awaitingSend) {
                waiting.add(e);
            }
        }
        for (Entry e : waiting) {
            if (isHeld(e)) {
                transmit(e, route.get());
            }
        }
    }

    private void transmit(Entry e, ControllerRoutes.Route route) {
        e.awaitingSend = false;
        boolean retransmission = e.transmissions > 0;
        e.transmissions++;
        cancel(e.retryTimer);
        e.retryTimer = null;
        if (e.policy.retry()) {
            e.retryTimer = timers.schedule(waitBefore(e.transmissions, e.recipient), () -> retryDue(e));
        }
        LOG.debug("sending notification {} to {}{}", e.msgId, e.recipient,
                retransmission ? " (retry " + (e.transmissions - 1) + ")" : "");
        CompletableFuture<Void> done;
        try {
            done = route.transport().send(route.destination(), e.record).toCompletableFuture();
        } catch (RuntimeException ex) {
            done = CompletableFuture.failedFuture(ex);
        }
        if (done.isDone()) {
            sendDone(e, retransmission, failure(done));
        } else {
            done.whenComplete((ok, failure) -> onAgentThread(() -> sendDone(e, retransmission, failure)));
        }
    }

    private static Throwable failure(CompletableFuture<Void> done) {
        try {
            done.join();
            return null;
        } catch (RuntimeException ex) {
            return ex.getCause() == null ? ex : ex.getCause();
        }
    }

    private void sendDone(Entry e, boolean retransmission, Throwable failure) {
        if (failure == null) {
            sent.incrementAndGet();
            if (retransmission) {
                retries.incrementAndGet();
            }
            if (!e.policy.retry()) {
                complete(e, Outcome.SENT);
            }
            return;
        }
        sendFailures.incrementAndGet();
        LOG.info("could not send notification {} to {}: {}", e.msgId, e.recipient, failure.toString());
        if (!e.policy.retry() && isHeld(e)) {
            // Not sent at all: send it when the Controller is reachable again, and meanwhile try again later.
            e.awaitingSend = true;
            e.failedSends++;
            cancel(e.retryTimer);
            e.retryTimer = timers.schedule(waitBefore(e.failedSends, e.recipient), () -> {
                e.retryTimer = null;
                flush(e.recipient);
            });
        }
    }

    private void retryDue(Entry e) {
        if (!isHeld(e)) {
            return;
        }
        e.retryTimer = null;
        e.awaitingSend = true;
        flush(e.recipient);
        if (e.awaitingSend) {
            LOG.debug("retry of notification {} is due but {} is unreachable; it goes out on reconnect", e.msgId,
                    e.recipient);
        }
    }

    private void expire(Entry e) {
        if (!isHeld(e)) {
            return;
        }
        expired.incrementAndGet();
        LOG.info("notification {} to {} expired unanswered after {} send(s)", e.msgId, e.recipient, e.transmissions);
        complete(e, Outcome.EXPIRED);
    }

    /** The wait before retry {@code n} to a Controller, with its current m and k. */
    private Duration waitBefore(int n, String recipient) {
        long m = RetryInterval.DEFAULT_MINIMUM_WAIT.toSeconds();
        long k = RetryInterval.DEFAULT_MULTIPLIER;
        Optional<String> row = ControllerTable.row(model, recipient);
        if (row.isPresent()) {
            m = Math.max(1, ControllerTable.unsigned(model, row.get(), "USPNotifRetryMinimumWaitInterval", m));
            k = Math.min(RetryInterval.MAX_MULTIPLIER, Math.max(RetryInterval.MIN_MULTIPLIER,
                    ControllerTable.unsigned(model, row.get(), "USPNotifRetryIntervalMultiplier", k)));
        }
        return RetryInterval.of(Duration.ofSeconds(m), (int) k).wait(n, random);
    }

    private boolean isHeld(Entry e) {
        LinkedHashMap<String, Entry> queue = held.get(e.recipient);
        return queue != null && queue.get(e.msgId) == e;
    }

    private void complete(Entry e, Outcome outcome) {
        LinkedHashMap<String, Entry> queue = held.get(e.recipient);
        if (queue == null || queue.remove(e.msgId) != e) {
            return;
        }
        if (queue.isEmpty()) {
            held.remove(e.recipient);
        }
        pendingCount.decrementAndGet();
        cancel(e.retryTimer);
        cancel(e.expiryTimer);
        e.retryTimer = null;
        e.expiryTimer = null;
        e.outcome.complete(outcome);
    }

    private static void cancel(Timers.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
