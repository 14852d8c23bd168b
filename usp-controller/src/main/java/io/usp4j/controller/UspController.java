package io.usp4j.controller;

import io.usp4j.core.endpoint.EndpointId;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.message.MalformedMessageException;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.NotifyResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.InvalidRecordException;
import io.usp4j.core.record.MalformedRecordException;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.core.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A USP Controller endpoint: it sends requests to Agents over one or more {@link MessageTransport}s, matches
 * each answer to its request by {@code msg_id}, and receives notifications. Any transport fits: MQTT
 * ({@code io.usp4j.mtp.mqtt.MqttTransport} with {@code connectRecords(false)}), the in-memory transport of
 * tests, and WebSocket ({@code io.usp4j.mtp.websocket.WebSocketClientTransport} dialling the Agent's server, with
 * {@code connectRecords(false)}; the Agent is then {@code agent(id, ws.destination())}).
 *
 * <p><b>Use.</b> Build with {@link #builder()}, {@link #start()}, then get a {@link RemoteAgent} per Agent with
 * {@link #agent(String, Destination)} and call it. {@link #close()} closes the transports too.
 *
 * <p><b>Answers.</b> A request's future completes with the answering Response Message; an {@code Error}
 * Message completes it exceptionally with {@link UspErrorException}; no answer within the timeout completes
 * it with {@link TimeoutException}; a transport that cannot send it, with {@link TransportException}. An
 * answer arriving after its timeout is logged once and dropped. Answers are accepted only from the Agent the
 * request went to.
 *
 * <p><b>Inbound Records.</b> Records are decoded and checked ({@link RecordCodec#decodeValid}); a Record
 * that is malformed, addressed to another {@code to_id}, or whose {@code from_id} differs from the identity
 * the transport authenticated is logged and dropped. {@code session_context} Records (E2E sessions) are not
 * supported and dropped. Connect Records mark the Agent reachable and go to {@link AgentPresence.Listener}s;
 * so does a {@code disconnect} Record, marking it unreachable. A Notify is answered with {@code NotifyResp}
 * when its {@code send_resp} is true, then handed to the listeners. Any other request is answered with
 * Error 7001 (a Controller serves none).
 *
 * <p><b>Threads.</b> Transports report on their own threads; the controller only decodes there and hands
 * everything else to its executor ({@link Builder#executor}, by default one daemon thread of its own named
 * {@code usp4j-controller}), so it never blocks a transport thread. Futures are completed, listeners called
 * and {@code NotifyResp}s sent on that executor; with the default single thread, listeners see notifications
 * in arrival order. Timeouts run on a timer thread of the controller's own. All public methods are
 * thread-safe.
 */
public final class UspController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UspController.class);
    /** How many timed-out msg_ids are remembered so that their late answers are recognised. */
    private static final int LATE_MEMORY = 4096;

    private final String endpointId;
    private final List<MessageTransport> transports;
    private final Duration defaultTimeout;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final String idPrefix;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Timed-out msg_ids, oldest first; guarded by itself. */
    private final Map<String, String> late = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > LATE_MEMORY;
        }
    };
    private final Map<String, AgentState> agents = new ConcurrentHashMap<>();
    private final List<NotificationListener> listeners = new CopyOnWriteArrayList<>();
    private final List<AgentPresence.Listener> presenceListeners = new CopyOnWriteArrayList<>();
    private final RecordReceiver receiver = new Receiver();
    private volatile boolean started;
    private volatile boolean closed;
    /** The thread of the default executor, once it exists. */
    private volatile Thread ownThread;

    /** What is known of one Agent, whichever {@link RemoteAgent} views it. */
    static final class AgentState {
        final List<NotificationListener> listeners = new CopyOnWriteArrayList<>();
        final Map<String, NotificationListener> subscriptions = new ConcurrentHashMap<>();
        volatile boolean reachable;
        private CompletableFuture<Void> reachableFuture = new CompletableFuture<>();

        synchronized CompletableFuture<Void> whenReachable() {
            return reachableFuture.copy();
        }

        synchronized void reachable(boolean up) {
            reachable = up;
            if (up) {
                reachableFuture.complete(null);
            } else if (reachableFuture.isDone()) {
                reachableFuture = new CompletableFuture<>();
            }
        }
    }

    /** One request waiting for its answer. */
    private static final class Pending {
        final String agentEndpointId;
        final CompletableFuture<Msg> future;
        volatile ScheduledFuture<?> timeout;

        Pending(String agentEndpointId, CompletableFuture<Msg> future) {
            this.agentEndpointId = agentEndpointId;
            this.future = future;
        }
    }

    private UspController(Builder b) {
        this.endpointId = b.endpointId;
        this.transports = List.copyOf(b.transports);
        this.defaultTimeout = b.timeout;
        this.clock = b.clock;
        if (b.executor == null) {
            this.ownExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = daemon(r, "usp4j-controller");
                ownThread = t;
                return t;
            });
            this.executor = ownExecutor;
        } else {
            this.ownExecutor = null;
            this.executor = b.executor;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "usp4j-controller-timer"));
        this.idPrefix = "c" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "-";
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts building a controller. */
    public static Builder builder() {
        return new Builder();
    }

    /** This controller's Endpoint ID. */
    public String endpointId() {
        return endpointId;
    }

    /** The transports, in the order given to the builder. */
    public List<MessageTransport> transports() {
        return transports;
    }

    /** The timeout of requests sent without one. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /**
     * Starts every transport.
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("the controller is already started or closed");
        }
        started = true;
        for (MessageTransport t : transports) {
            t.start(receiver);
        }
    }

    /**
     * An Agent reached through the first transport.
     *
     * @param agentEndpointId the Agent's Endpoint ID ({@code to_id} of the Records sent)
     * @param destination its address on that transport (for MQTT, its topic under {@code MqttTransport.TOPIC})
     */
    public RemoteAgent agent(String agentEndpointId, Destination destination) {
        return agent(agentEndpointId, transports.get(0), destination);
    }

    /**
     * An Agent reached through the given transport.
     *
     * @throws IllegalArgumentException when the transport is not one of this controller's
     */
    public RemoteAgent agent(String agentEndpointId, MessageTransport transport, Destination destination) {
        Objects.requireNonNull(agentEndpointId, "agentEndpointId");
        Objects.requireNonNull(destination, "destination");
        if (!transports.contains(transport)) {
            throw new IllegalArgumentException("not a transport of this controller: " + transport);
        }
        return new RemoteAgent(this, agentEndpointId, transport, destination, state(agentEndpointId));
    }

    AgentState state(String agentEndpointId) {
        return agents.computeIfAbsent(agentEndpointId, id -> new AgentState());
    }

    /**
     * Adds a listener for every notification from any Agent.
     *
     * @return removes the listener when closed
     */
    public ListenerRegistration onNotification(NotificationListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Adds a listener for connect and disconnect Records from any Agent.
     *
     * @return removes the listener when closed
     */
    public ListenerRegistration onPresence(AgentPresence.Listener listener) {
        Objects.requireNonNull(listener, "listener");
        presenceListeners.add(listener);
        return () -> presenceListeners.remove(listener);
    }

    /** How many requests are waiting for their answer. */
    public int pendingRequests() {
        return pending.size();
    }

    /**
     * Stops: fails every waiting request with {@link IllegalStateException}, closes the transports, stops
     * the controller's own threads. Closing twice does nothing.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (MessageTransport t : transports) {
            try {
                t.close();
            } catch (RuntimeException e) {
                LOG.warn("closing transport {} failed", t, e);
            }
        }
        IllegalStateException gone = new IllegalStateException("the controller was closed");
        for (String id : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                cancelTimeout(p);
                p.future.completeExceptionally(gone);
            }
        }
        timer.shutdownNow();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
            if (Thread.currentThread() == ownThread) {
                // Closed from a listener or a future's callback: the thread ends when this task returns.
                return;
            }
            try {
                if (!ownExecutor.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.warn("the controller thread did not finish within 2 s; interrupting it");
                    ownExecutor.shutdownNow();
                }
            } catch (InterruptedException e) {
                ownExecutor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ sending

    /** A fresh msg_id: unique within this controller, and unlikely to repeat across runs. */
    String nextMsgId() {
        return idPrefix + ids.incrementAndGet();
    }

    CompletableFuture<Msg> request(RemoteAgent agent, Request request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        checkRunning();
        String msgId = nextMsgId();
        Msg msg = Messages.request(msgId, request);
        byte[] bytes = RecordCodec.encode(RecordCodec.noSessionContext(agent.endpointId(), endpointId, msg));
        CompletableFuture<Msg> future = new CompletableFuture<>();
        Pending p = new Pending(agent.endpointId(), future);
        pending.put(msgId, p);
        p.timeout = timer.schedule(() -> expire(msgId, p, agent.endpointId(), timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((ok, failure) -> {
            if (future.isCancelled() && pending.remove(msgId, p)) {
                cancelTimeout(p);
            }
        });
        LOG.debug("{} -> {}: {} {}", endpointId, agent.endpointId(), msg.getHeader().getMsgType(), msgId);
        sendBytes(agent.transport(), agent.destination(), bytes).whenComplete((ok, failure) -> {
            if (failure != null && pending.remove(msgId, p)) {
                cancelTimeout(p);
                fail(future, unwrap(failure));
            }
        });
        return future;
    }

    /** Sends a request that gets no answer (Operate with send_resp false); completes with its msg_id once sent. */
    CompletableFuture<String> requestWithoutAnswer(RemoteAgent agent, Request request) {
        checkRunning();
        String msgId = nextMsgId();
        byte[] bytes = RecordCodec.encode(RecordCodec.noSessionContext(agent.endpointId(), endpointId,
                Messages.request(msgId, request)));
        CompletableFuture<String> future = new CompletableFuture<>();
        sendBytes(agent.transport(), agent.destination(), bytes).whenComplete((ok, failure) -> {
            if (failure != null) {
                fail(future, unwrap(failure));
            } else {
                complete(future, msgId);
            }
        });
        return future;
    }

    private CompletableFuture<Void> sendBytes(MessageTransport transport, Destination destination, byte[] bytes) {
        try {
            return transport.send(destination, bytes).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void checkRunning() {
        if (!started || closed) {
            throw new IllegalStateException(closed ? "the controller is closed" : "the controller is not started");
        }
    }

    private void expire(String msgId, Pending p, String agentEndpointId, Duration timeout) {
        if (!pending.remove(msgId, p)) {
            return;
        }
        synchronized (late) {
            late.put(msgId, agentEndpointId);
        }
        fail(p.future, new TimeoutException("no answer from " + agentEndpointId + " to " + msgId + " within "
                + timeout.toMillis() + " ms"));
    }

    private static void cancelTimeout(Pending p) {
        ScheduledFuture<?> t = p.timeout;
        if (t != null) {
            t.cancel(false);
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private <T> void complete(CompletableFuture<T> future, T value) {
        onExecutor(() -> future.complete(value), () -> future.complete(value));
    }

    private void fail(CompletableFuture<?> future, Throwable failure) {
        onExecutor(() -> future.completeExceptionally(failure), () -> future.completeExceptionally(failure));
    }

    /** Runs a task on the executor; when it refuses (shut down), runs {@code fallback} here instead. */
    private void onExecutor(Runnable task, Runnable fallback) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("the controller executor refused a task; running it on the calling thread");
            fallback.run();
        }
    }

    // ------------------------------------------------------------------ receiving

    /** Transport threads: decode, check, hand over. */
    private final class Receiver implements RecordReceiver {
        @Override
        public void onRecord(InboundRecord in) {
            if (closed) {
                return;
            }
            Record record;
            try {
                record = RecordCodec.decodeValid(in.bytes());
            } catch (MalformedRecordException | InvalidRecordException e) {
                LOG.warn("{}: dropping a bad Record from {} on {}: {}", endpointId, in.replyTo().endpointId(),
                        in.transport().protocol(), e.getMessage());
                return;
            }
            if (!record.getToId().equals(endpointId)) {
                LOG.debug("{}: ignoring a Record for {} from {}", endpointId, record.getToId(), record.getFromId());
                return;
            }
            String from = record.getFromId();
            if (in.authenticated().isPresent() && !in.authenticated().get().equals(from)) {
                LOG.warn("{}: dropping a Record whose from_id {} is not the authenticated {}", endpointId, from,
                        in.authenticatedEndpointId());
                return;
            }
            switch (record.getRecordTypeCase()) {
                case NO_SESSION_CONTEXT -> message(in, from, record);
                case MQTT_CONNECT, WEBSOCKET_CONNECT, STOMP_CONNECT, UDS_CONNECT, DISCONNECT -> presence(in, from, record);
                case SESSION_CONTEXT -> LOG.warn("{}: dropping a session_context Record from {}: E2E sessions are not supported",
                        endpointId, from);
                case RECORDTYPE_NOT_SET -> LOG.warn("{}: dropping a Record without record_type from {}", endpointId, from);
            }
        }

        @Override
        public void onConnectionChange(Destination destination, boolean up) {
            if (!destination.endpointId().isEmpty()) {
                LOG.debug("{}: channel to {} is {}", endpointId, destination, up ? "up" : "down");
                AgentState s = state(destination.endpointId());
                onExecutor(() -> s.reachable(up), () -> s.reachable(up));
            }
        }
    }

    private void presence(InboundRecord in, String from, Record record) {
        AgentPresence p = new AgentPresence(from, record, in.replyTo(), clock.instant());
        LOG.debug("{}: {} from {}", endpointId, record.getRecordTypeCase(), from);
        AgentState s = state(from);
        onExecutor(() -> {
            s.reachable(p.connected());
            for (AgentPresence.Listener l : presenceListeners) {
                try {
                    l.onPresence(p);
                } catch (RuntimeException e) {
                    LOG.warn("a presence listener failed on {}", p, e);
                }
            }
        }, () -> LOG.debug("controller closed: {} from {} dropped", record.getRecordTypeCase(), from));
    }

    private void message(InboundRecord in, String from, Record record) {
        Msg msg;
        try {
            msg = MessageCodec.decode(RecordCodec.payload(record));
        } catch (MalformedMessageException e) {
            LOG.warn("{}: dropping a bad Message from {}: {}", endpointId, from, e.getMessage());
            return;
        }
        AgentState s = state(from);
        if (!s.reachable) {
            onExecutor(() -> s.reachable(true), () -> s.reachable(true));
        }
        String msgId = msg.getHeader().getMsgId();
        switch (msg.getBody().getMsgBodyCase()) {
            case RESPONSE, ERROR -> answer(from, msgId, msg);
            case REQUEST -> {
                if (msg.getBody().getRequest().hasNotify()) {
                    Notify notify = msg.getBody().getRequest().getNotify();
                    Notification n = new Notification(from, msgId, notify, clock.instant());
                    onExecutor(() -> notification(in, n, s), () -> LOG.debug("controller closed: Notify {} dropped", msgId));
                } else {
                    LOG.warn("{}: {} sent a {} request; a Controller serves none (7001)", endpointId, from,
                            msg.getHeader().getMsgType());
                    reply(in, from, Messages.error(msgId, ErrorCode.MESSAGE_NOT_SUPPORTED,
                            "this endpoint is a USP Controller and does not serve " + msg.getHeader().getMsgType(), List.of()));
                }
            }
            case MSGBODY_NOT_SET -> LOG.warn("{}: dropping a Message without body from {}", endpointId, from);
        }
    }

    private void answer(String from, String msgId, Msg msg) {
        Pending p = pending.get(msgId);
        if (p != null && !p.agentEndpointId.equals(from)) {
            LOG.warn("{}: dropping an answer to {} from {}: the request went to {}", endpointId, msgId, from, p.agentEndpointId);
            return;
        }
        if (p == null || !pending.remove(msgId, p)) {
            String lateFrom;
            synchronized (late) {
                lateFrom = late.remove(msgId);
            }
            if (lateFrom != null) {
                LOG.info("{}: late answer from {} to {} after its timeout: dropped", endpointId, from, msgId);
            } else {
                LOG.debug("{}: dropping an answer from {} to unknown msg_id {}", endpointId, from, msgId);
            }
            return;
        }
        cancelTimeout(p);
        LOG.debug("{} <- {}: {} {}", endpointId, from, msg.getHeader().getMsgType(), msgId);
        if (msg.getBody().hasError()) {
            fail(p.future, UspErrorException.of(msg));
        } else {
            complete(p.future, msg);
        }
    }

    /** Executor: NotifyResp first (when asked for), then the listeners. */
    private void notification(InboundRecord in, Notification n, AgentState s) {
        if (n.payload().getSendResp()) {
            reply(in, n.agentEndpointId(), Messages.response(n.msgId(), Response.newBuilder()
                    .setNotifyResp(NotifyResp.newBuilder().setSubscriptionId(n.subscriptionId())).build()));
        }
        List<NotificationListener> targets = new ArrayList<>(listeners);
        targets.addAll(s.listeners);
        NotificationListener sub = n.subscriptionId().isEmpty() ? null : s.subscriptions.get(n.subscriptionId());
        if (sub != null) {
            targets.add(sub);
        }
        if (targets.isEmpty()) {
            LOG.debug("{}: {} from {} (subscription '{}') has no listener", endpointId, n.typeName(), n.agentEndpointId(),
                    n.subscriptionId());
        }
        for (NotificationListener l : targets) {
            try {
                l.onNotification(n);
            } catch (RuntimeException e) {
                LOG.warn("a notification listener failed on {} from {}", n.typeName(), n.agentEndpointId(), e);
            }
        }
    }

    private void reply(InboundRecord in, String to, Msg msg) {
        byte[] bytes = RecordCodec.encode(RecordCodec.noSessionContext(to, endpointId, msg));
        sendBytes(in.transport(), in.replyTo(), bytes).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("{}: could not send {} to {}: {}", endpointId, msg.getHeader().getMsgType(), to, unwrap(failure).toString());
            }
        });
    }

    @Override
    public String toString() {
        return "USP Controller " + endpointId;
    }

    /** Collects the settings of a {@link UspController}. Not thread-safe. */
    public static final class Builder {
        private String endpointId;
        private final List<MessageTransport> transports = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(30);
        private Executor executor;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * This controller's Endpoint ID ({@code from_id} of what it sends).
         *
         * @throws io.usp4j.core.endpoint.EndpointIdException when it is not a valid Endpoint ID
         */
        public Builder endpointId(String endpointId) {
            this.endpointId = EndpointId.parse(endpointId).toString();
            return this;
        }

        /** Adds a transport; the first one is the default of {@link UspController#agent(String, Destination)}. */
        public Builder transport(MessageTransport transport) {
            transports.add(Objects.requireNonNull(transport, "transport"));
            return this;
        }

        /**
         * How long a request waits for its answer when no timeout is given (default 30 s).
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Where futures are completed and listeners called (default: a daemon thread of the controller's
         * own). The controller does not shut it down.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The clock that stamps notifications and presence reports (default: system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The controller.
         *
         * @throws IllegalStateException when no Endpoint ID or no transport was given
         */
        public UspController build() {
            if (endpointId == null) {
                throw new IllegalStateException("a controller needs an Endpoint ID");
            }
            if (transports.isEmpty()) {
                throw new IllegalStateException("a controller needs at least one transport");
            }
            return new UspController(this);
        }
    }
}
