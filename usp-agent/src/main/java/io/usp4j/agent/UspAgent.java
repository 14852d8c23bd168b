package io.usp4j.agent;

import io.usp4j.agent.device.BootRecord;
import io.usp4j.agent.device.DeviceHost;
import io.usp4j.agent.device.DeviceLifecycle;
import io.usp4j.agent.device.FactoryDefaults;
import io.usp4j.agent.message.MessageDispatcher;
import io.usp4j.agent.message.RequestContext;
import io.usp4j.agent.notify.ControllerRoutes;
import io.usp4j.agent.notify.NotificationSink;
import io.usp4j.agent.notify.delivery.DeliverySettings;
import io.usp4j.agent.notify.delivery.NotificationOutbox;
import io.usp4j.agent.notify.delivery.OnBoarding;
import io.usp4j.agent.notify.subscription.SubscriptionEngine;
import io.usp4j.agent.time.ScheduledTimers;
import io.usp4j.agent.time.Timers;
import io.usp4j.agent.operate.AsyncOperations;
import io.usp4j.agent.record.RecordProcessor;
import io.usp4j.core.endpoint.EndpointId;
import io.usp4j.core.proto.msg.Body;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.storage.InMemoryStorage;
import io.usp4j.datamodel.storage.Storage;
import io.usp4j.datamodel.xml.AgentModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A USP Agent: the data model, the transports that carry Records to and from Controllers, and the engine
 * that answers every request as TR-369 says.
 *
 * <p><b>Threads.</b> One agent thread owns the data model and processes messages one at a time, in the order
 * they arrive; an answer that must wait for firmware (a synchronous command finishing on another thread) is
 * sent when it is ready, while later messages go on. Transports decode and check Records on their own threads
 * and hand each Message to it.
 * Firmware and asynchronous commands reach the data model only through {@link #execute} and
 * {@link #call}, which run on it. With {@link Builder#executor} the embedding application supplies that
 * thread (a single-threaded executor); otherwise the agent makes one, named {@code usp4j-agent}.
 *
 * <p>Build with {@link #builder()}, then {@link #start()}; {@link #close()} stops the transports and the
 * agent thread.
 */
public final class UspAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UspAgent.class);

    private final String endpointId;
    private final DataModel model;
    private final List<MessageTransport> transports;
    private RecordReceiver receiver;
    private final ExecutorService agentThread;
    private final boolean ownsThread;
    private final Clock clock;
    private final NotificationSink notifications;
    private final RecordProcessor records;
    private final ControllerRoutes routes = new ControllerRoutes();
    private final Timers timers;
    private final ScheduledTimers ownTimers;
    private final BootRecord bootRecord;
    private final SubscriptionEngine subscriptions;
    private final MessageDispatcher dispatcher;
    private final ControllerAdmission admission;
    private final NotificationOutbox outbox;
    private final OnBoarding onBoarding;
    private volatile boolean started;
    private volatile boolean closed;

    private UspAgent(Builder b, DataModel model, AsyncOperations operations, OnBoarding onBoarding) {
        this.endpointId = b.endpointId;
        this.model = model;
        this.transports = new java.util.concurrent.CopyOnWriteArrayList<>(b.transports);
        this.ownsThread = b.executor == null;
        this.agentThread = ownsThread ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "usp4j-agent");
            t.setDaemon(true);
            return t;
        }) : b.executor;
        this.clock = b.clock;
        this.records = new RecordProcessor(endpointId, this::enqueue);
        this.ownTimers = b.timers == null ? new ScheduledTimers(agentThread) : null;
        this.timers = b.timers == null ? ownTimers : b.timers;
        this.bootRecord = b.startRecord;
        this.outbox = new NotificationOutbox(endpointId, routes, timers, clock, agentThread, model, b.deliverySettings);
        this.onBoarding = onBoarding;
        onBoarding.attach(outbox);
        this.subscriptions = new SubscriptionEngine(model, agentThread, clock, timers, outbox, b.pollInterval);
        NotificationSink also = b.notifications;
        this.notifications = c -> {
            subscriptions.operationComplete(c);
            also.operationComplete(c);
        };
        this.dispatcher = new MessageDispatcher(operations, subscriptions.writeDefaults());
        this.admission = new ControllerAdmission(model, b.unknownControllers);
        model.addListener(admission);
    }

    /** Starts building an agent. */
    public static Builder builder() {
        return new Builder();
    }

    /** This agent's Endpoint ID. */
    public String endpointId() {
        return endpointId;
    }

    /**
     * The data model. Touch it only on the agent thread: from {@link #execute} or {@link #call}, or from
     * firmware callbacks the data model itself makes.
     */
    public DataModel dataModel() {
        return model;
    }

    /**
     * Starts every transport: from now on Records are received and answered.
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "agent is closed" : "agent already started");
        }
        started = true;
        agentThread.execute(() -> subscriptions.start(bootRecord));
        receiver = new RecordReceiver() {
            @Override
            public void onRecord(InboundRecord record) {
                records.accept(record);
            }

            @Override
            public void onConnectionChange(io.usp4j.core.transport.Destination destination, boolean up) {
                LOG.info("{} is {}", destination.endpointId(), up ? "reachable" : "unreachable");
                routes.connectionChanged(destination, up);
            }
        };
        for (MessageTransport t : transports) {
            t.start(receiver);
        }
        agentThread.execute(onBoarding::resume);
        LOG.info("agent {} started with {} transport(s)", endpointId, transports.size());
    }

    /**
     * Attaches a transport at run time (for instance one the data model configures): the agent receives
     * Records on it and answers through it. When the agent has started, the transport is started now.
     * Safe to call from any thread.
     *
     * @throws IllegalStateException when the agent is closed
     * @throws IllegalArgumentException when the transport is already attached
     */
    public synchronized void addTransport(MessageTransport transport) {
        Objects.requireNonNull(transport, "transport");
        if (closed) {
            throw new IllegalStateException("agent is closed");
        }
        if (transports.contains(transport)) {
            throw new IllegalArgumentException("transport already attached");
        }
        transports.add(transport);
        if (started) {
            transport.start(receiver);
        }
        LOG.info("agent {} attached a {} transport", endpointId, transport.protocol());
    }

    /**
     * Detaches a transport and closes it. Detaching a transport the agent does not have does nothing.
     * Safe to call from any thread.
     *
     * @return whether the transport was attached
     */
    public synchronized boolean removeTransport(MessageTransport transport) {
        if (!transports.remove(transport)) {
            return false;
        }
        try {
            transport.close();
        } catch (RuntimeException e) {
            LOG.warn("transport {} failed to close: {}", transport.protocol(), e.toString());
        }
        LOG.info("agent {} detached a {} transport", endpointId, transport.protocol());
        return true;
    }

    /**
     * Runs a task on the agent thread.
     *
     * @throws RejectedExecutionException when the agent is closed
     */
    public void execute(Runnable task) {
        agentThread.execute(task);
    }

    /** Runs a task on the agent thread and hands back its result. */
    public <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            agentThread.execute(() -> {
                try {
                    result.complete(task.call());
                } catch (Exception | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** How the agent reaches each Controller it starts a conversation with. */
    public ControllerRoutes routes() {
        return routes;
    }

    /** The timers the agent's own periodic and retry work runs on. */
    public Timers timers() {
        return timers;
    }

    /** The agent's clock. */
    public Clock clock() {
        return clock;
    }

    /** Where notifications go to be sent, retried until answered, and held while a Controller is unreachable. */
    public NotificationOutbox notificationOutbox() {
        return outbox;
    }

    /** OnBoardRequest notifications: {@code Controller.{i}.SendOnBoardRequest()} and the application's own. */
    public OnBoarding onBoarding() {
        return onBoarding;
    }

    /** Why this start happened, as {@code Device.Boot!} reports it. */
    public BootRecord bootRecord() {
        return bootRecord;
    }

    private void enqueue(RecordProcessor.Incoming incoming) {
        routes.seen(incoming.fromId(), incoming.origin().transport(), incoming.origin().replyTo());
        try {
            agentThread.execute(() -> process(incoming));
        } catch (RejectedExecutionException e) {
            LOG.debug("agent closed; dropping a message from {}", incoming.fromId());
            records.done(incoming);
        }
    }

    private void process(RecordProcessor.Incoming incoming) {
        Msg msg = incoming.msg();
        ControllerAdmission.Decision decision = admission.decide(incoming.fromId());
        if (!admission.admits(decision)) {
            LOG.warn("ignoring {} {} from {}: the Controller is {}", msg.getHeader().getMsgType(), msg.getHeader().getMsgId(),
                    incoming.fromId(), decision == ControllerAdmission.Decision.DISABLED ? "disabled" : "not provisioned");
            records.done(incoming);
            return;
        }
        if (msg.getBody().getMsgBodyCase() != Body.MsgBodyCase.REQUEST) {
            outbox.onAnswer(incoming.fromId(), msg);
            return;
        }
        CompletionStage<Msg> answer;
        try {
            RequestContext ctx = new RequestContext(endpointId, incoming.fromId(), msg.getHeader().getMsgId(), model,
                    clock, agentThread, notifications);
            answer = dispatcher.dispatchLater(ctx, msg);
        } catch (RuntimeException e) {
            records.done(incoming);
            throw e;
        }
        answer.whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.error("no answer to {} from {}", msg.getHeader().getMsgId(), incoming.fromId(), failure);
                records.done(incoming);
            } else {
                records.answer(incoming, response);
            }
        });
    }

    /** Stops the transports and the agent thread (when the agent made it). Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.close();
        for (MessageTransport t : transports) {
            try {
                t.close();
            } catch (RuntimeException e) {
                LOG.warn("transport {} failed to close: {}", t.protocol(), e.toString());
            }
        }
        if (ownTimers != null) {
            ownTimers.close();
        }
        if (ownsThread) {
            agentThread.shutdown();
            try {
                if (!agentThread.awaitTermination(5, TimeUnit.SECONDS)) {
                    agentThread.shutdownNow();
                }
            } catch (InterruptedException e) {
                agentThread.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("agent {} stopped", endpointId);
    }

    /** The agent's own MTP table, bound by the agent when MTP bindings contribute to it. */
    private static final String MTP_OBJECT = "Device.LocalAgent.MTP.{i}.";

    /** Collects the settings of a {@link UspAgent}. Not thread-safe. */
    public static final class Builder {
        private String endpointId;
        private SupportedDataModel supported;
        private final Map<String, ObjectBinding> bindings = new LinkedHashMap<>();
        private Storage storage;
        private final List<MessageTransport> transports = new ArrayList<>();
        private final Set<String> declaredProtocols = new LinkedHashSet<>();
        private final Map<String, io.usp4j.agent.transport.MtpProtocol> mtpProtocols = new LinkedHashMap<>();
        private ExecutorService executor;
        private Clock clock = Clock.systemUTC();
        private Timers timers;
        private NotificationSink notifications = NotificationSink.NONE;
        private String softwareVersion = "0.1.0";
        private DeviceHost host = DeviceHost.NONE;
        private FactoryDefaults factoryDefaults = FactoryDefaults.NONE;
        private BootRecord unannouncedBoot = BootRecord.LOCAL_REBOOT;
        private BootRecord startRecord;
        /** The agent being built, for commands that act after their answer is sent. */
        private UspAgent agentRef;
        private DeliverySettings deliverySettings = DeliverySettings.defaults();
        private Duration pollInterval = SubscriptionEngine.DEFAULT_POLL_INTERVAL;
        private UnknownControllers unknownControllers = UnknownControllers.SERVE;

        private Builder() {}

        /**
         * Sets the agent's Endpoint ID ({@code os::00D09E-GW0001}).
         *
         * @throws io.usp4j.core.endpoint.EndpointIdException (7012) when it is not a valid Endpoint ID
         */
        public Builder endpointId(String endpointId) {
            this.endpointId = EndpointId.parse(endpointId).toString();
            return this;
        }

        /**
         * Sets what the device supports (typically TR-181 narrowed with {@code select}). The agent adds its own
         * {@code Device.LocalAgent.} and MTP objects ({@link AgentModels#usp()}), whose definitions win where
         * both define the same element.
         */
        public Builder supportedDataModel(SupportedDataModel supported) {
            this.supported = Objects.requireNonNull(supported, "supported");
            return this;
        }

        /** Binds an object of the data model to firmware, as {@link DataModel.Builder#bind(String, ObjectBinding)}. */
        public Builder bind(String objectPath, ObjectBinding binding) {
            if (bindings.putIfAbsent(objectPath, Objects.requireNonNull(binding, "binding")) != null) {
                throw new IllegalArgumentException(objectPath + " is bound twice");
            }
            return this;
        }

        /** Binds an object, configuring the binding in a lambda. */
        public Builder bind(String objectPath, Consumer<ObjectBinding.Builder> configure) {
            ObjectBinding.Builder b = ObjectBinding.builder();
            configure.accept(b);
            return bind(objectPath, b.build());
        }

        /** Where the agent keeps what must survive a restart (default: in memory, so nothing does). */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * Declares a protocol ({@code MQTT}, {@code STOMP}...) for {@code Device.LocalAgent.SupportedProtocols}
         * whose transports are attached only at run time ({@link UspAgent#addTransport}); the protocols of the
         * transports given here are listed anyway.
         *
         * @throws NullPointerException when the protocol is null
         */
        public Builder supportedProtocol(String protocol) {
            declaredProtocols.add(Objects.requireNonNull(protocol, "protocol"));
            return this;
        }

        /**
         * Adds what an MTP binding contributes to {@code Device.LocalAgent.MTP.{i}.} (its rows' Status and change
         * handler) and declares its protocol ({@link #supportedProtocol}). With at least one, the agent binds
         * that object itself: Status is {@code Down} for a row that is not enabled, the protocol's
         * {@link io.usp4j.agent.transport.MtpProtocol#status} for an enabled row, and {@code Up} for an enabled
         * row of a protocol no binding contributed (its transport was given to the builder or attached by the
         * application); every contribution's change handler hears every change of the rows.
         *
         * @throws NullPointerException when the contribution is null
         * @throws IllegalArgumentException when its protocol was contributed already
         */
        public Builder mtpProtocol(io.usp4j.agent.transport.MtpProtocol mtp) {
            Objects.requireNonNull(mtp, "mtp");
            if (mtpProtocols.putIfAbsent(mtp.protocol(), mtp) != null) {
                throw new IllegalArgumentException("MTP protocol " + mtp.protocol() + " is contributed twice");
            }
            declaredProtocols.add(mtp.protocol());
            return this;
        }

        /** Adds a transport the agent receives Records on and answers through. */
        public Builder transport(MessageTransport transport) {
            transports.add(Objects.requireNonNull(transport, "transport"));
            return this;
        }

        /**
         * Runs the agent on this executor instead of a thread of its own. It must run one task at a time, in
         * order (a single-threaded executor); the agent does not shut it down.
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The clock for times the agent reports and keeps (default: the system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The timers for retries, periodic events and expiry (default: real time on a thread of their own).
         * Tests pass timers they advance by hand, together with a {@link #clock} they control.
         */
        public Builder timers(Timers timers) {
            this.timers = Objects.requireNonNull(timers, "timers");
            return this;
        }

        /** Where notifications the message engine produces go, besides the agent's subscriptions (default: nowhere). */
        public Builder notificationSink(NotificationSink sink) {
            this.notifications = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Where {@code Device.Reboot()} and {@code Device.FactoryReset()} end (default: nowhere). */
        public Builder host(DeviceHost host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** What the first start, and the first after a factory reset, writes into the data model. */
        public Builder factoryDefaults(FactoryDefaults defaults) {
            this.factoryDefaults = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /**
         * What {@code Boot!} reports when no Reboot() or FactoryReset() announced this start (default:
         * {@link BootRecord#LOCAL_REBOOT}); firmware that knows better (a firmware update, a watchdog) says so.
         */
        public Builder bootRecord(BootRecord record) {
            this.unannouncedBoot = Objects.requireNonNull(record, "record");
            return this;
        }

        /**
         * How often firmware-read parameters that firmware does not push are polled for ValueChange
         * subscriptions (default {@link SubscriptionEngine#DEFAULT_POLL_INTERVAL}).
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder valueChangePollInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the poll interval must be positive: " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * What to do with requests from Controllers that have no entry in the Controller table (default:
         * {@link UnknownControllers#SERVE}). Controllers with an entry are served while it is enabled.
         */
        public Builder unknownControllers(UnknownControllers policy) {
            this.unknownControllers = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The version reported as {@code Device.LocalAgent.SoftwareVersion}. */
        public Builder softwareVersion(String version) {
            this.softwareVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** How notifications are queued and retried, and the device identity OnBoardRequests report. */
        public Builder deliverySettings(DeliverySettings settings) {
            this.deliverySettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Builds the data model (loading what the storage holds) and the agent. Request rows a previous run
         * left in the storage are removed: asynchronous commands do not survive a restart.
         *
         * @throws IllegalStateException when no Endpoint ID was set
         * @throws IllegalArgumentException when a binding does not fit the data model, or binds
         *     {@code Device.LocalAgent.Request.{i}.}, which is the agent's own, or binds
         *     {@code Device.LocalAgent.MTP.{i}.} while {@link #mtpProtocol} contributions bind it
         */
        public UspAgent build() {
            if (endpointId == null) {
                throw new IllegalStateException("an agent needs an Endpoint ID");
            }
            SupportedDataModel all = supported == null ? AgentModels.usp()
                    : supported.toBuilder().merge(AgentModels.usp()).build();
            Storage store = storage == null ? new InMemoryStorage() : storage;
            DeviceLifecycle lifecycle = new DeviceLifecycle(store, host);
            startRecord = lifecycle.takeBootRecord(unannouncedBoot);
            DataModel.Builder dm = DataModel.builder(all).storage(store);
            Map<String, ObjectBinding> own = new LinkedHashMap<>(bindings);
            own.putIfAbsent("Device.LocalAgent.", localAgentBinding());
            if (!mtpProtocols.isEmpty()) {
                if (own.putIfAbsent(MTP_OBJECT, MtpRows.binding(mtpProtocols)) != null) {
                    throw new IllegalArgumentException(MTP_OBJECT + " is bound by the application and by MTP bindings ("
                            + String.join(", ", mtpProtocols.keySet()) + ")");
                }
            }
            own.put("Device.", deviceBinding(own.get("Device."), lifecycle));
            OnBoarding onBoarding = new OnBoarding(endpointId, deliverySettings.deviceIdentity());
            own.put(OnBoarding.CONTROLLER_OBJECT, withCommands(own.get(OnBoarding.CONTROLLER_OBJECT), onBoarding.controllerBinding()));
            own.putIfAbsent(SubscriptionEngine.SUBSCRIPTION_OBJECT, SubscriptionEngine.binding());
            AsyncOperations operations = new AsyncOperations();
            dm.bind(AsyncOperations.REQUEST_OBJECT, operations.requestBinding());
            own.forEach(dm::bind);
            DataModel model = dm.build();
            AsyncOperations.purge(model);
            lifecycle.initialiseIfNew(model, factoryDefaults);
            UspAgent agent = new UspAgent(this, model, operations, onBoarding);
            agentRef = agent;
            return agent;
        }

        /**
         * The firmware's binding of {@code Device.}, if any, with Reboot(), FactoryReset() and ScheduleTimer()
         * unless it binds them.
         */
        private ObjectBinding deviceBinding(ObjectBinding firmware, DeviceLifecycle lifecycle) {
            java.util.concurrent.Executor afterAnswer = task -> agentRef.execute(task);
            return withCommands(firmware, ObjectBinding.builder()
                    .syncCommand("Reboot()", call -> lifecycle.reboot(call, afterAnswer))
                    .syncCommand("FactoryReset()", call -> lifecycle.factoryReset(call, afterAnswer))
                    .command("ScheduleTimer()", call -> {
                        // Completes DelaySeconds from now; a Cancel() of its Request cancels the future first.
                        CompletableFuture<Map<String, ?>> done = new CompletableFuture<>();
                        long delay = Long.parseLong(call.input().get("DelaySeconds"));
                        Timers.Timer timer = agentRef.timers().schedule(Duration.ofSeconds(delay), () -> done.complete(Map.of()));
                        done.whenComplete((ok, failure) -> timer.cancel());
                        return done;
                    })
                    .build());
        }

        /** The firmware's binding of an object, if any, plus the agent's commands it does not bind itself. */
        private static ObjectBinding withCommands(ObjectBinding firmware, ObjectBinding agents) {
            if (firmware == null) {
                return agents;
            }
            ObjectBinding.Builder b = firmware.toBuilder();
            agents.commands().forEach((name, handler) -> {
                if (!firmware.commands().containsKey(name)) {
                    b.command(name, handler);
                }
            });
            return b.build();
        }

        private ObjectBinding localAgentBinding() {
            Instant started = clock.instant();
            Set<String> protocols = new LinkedHashSet<>();
            transports.forEach(t -> protocols.add(t.protocol()));
            protocols.addAll(declaredProtocols);
            Clock c = clock;
            return ObjectBinding.builder()
                    .constant("EndpointID", endpointId)
                    .constant("SoftwareVersion", softwareVersion)
                    .constant("SupportedProtocols", List.copyOf(protocols))
                    .getter("UpTime", i -> Duration.between(started, c.instant()).toSeconds())
                    .build();
        }
    }
}
