package io.usp4j.examples.gateway;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.device.BootRecord;
import io.usp4j.agent.device.DeviceHost;
import io.usp4j.agent.device.FactoryDefaults;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.storage.Storage;
import io.usp4j.examples.datamodel.WifiDriver;
import io.usp4j.mtp.mqtt.agent.MqttClients;
import io.usp4j.mtp.websocket.agent.WebSocketMtps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated home gateway: its "hardware" (a Wi-Fi driver, a LAN whose hosts come and go, an Ethernet
 * switch, a doorbell) and the USP Agent that exposes it. {@code Device.Reboot()} and
 * {@code Device.FactoryReset()} restart the agent in this process, on the same storage, the way a real device
 * reboots: the new agent sends {@code Boot!} to the Controllers that subscribed to it.
 *
 * <p><b>Threads.</b> The agent thread owns the data model and every firmware object here except the
 * Ethernet switch, which is thread-safe. The gateway's own thread ({@code gateway-device}) stands in for
 * firmware threads: it runs the timers that change the LAN and press the doorbell (each change is handed to
 * the agent thread with {@link UspAgent#execute}), finishes pings, and restarts the agent. The public methods
 * may be called from any thread.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Builder settings;
    private final WifiDriver wifi = new WifiDriver();
    private final SimulatedLan lan = new SimulatedLan();
    private final EthernetSwitch ethernet = new EthernetSwitch();
    private final Random random = new Random();
    private final ScheduledExecutorService device = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-device");
        t.setDaemon(true);
        return t;
    });
    private volatile UspAgent agent;
    private boolean closed;

    private Gateway(Builder settings) {
        this.settings = settings;
    }

    /**
     * Starts describing a gateway whose agent keeps its state in {@code storage} (open it with
     * {@code FileStorage.open(dir)} so that rows and subscriptions survive a restart of the program).
     */
    public static Builder builder(Storage storage) {
        return new Builder(storage);
    }

    /**
     * Builds the agent, starts it and the simulation timers.
     *
     * @throws IllegalStateException when already started or closed
     * @throws io.usp4j.agent.device.DefaultsFileException when the factory defaults do not fit the data model
     * @throws RuntimeException whatever the transport factory throws
     */
    public synchronized void start() {
        if (agent != null || closed) {
            throw new IllegalStateException(closed ? "gateway is closed" : "gateway already started");
        }
        startAgent();
        if (!settings.lanInterval.isZero()) {
            long ms = settings.lanInterval.toMillis();
            device.scheduleWithFixedDelay(() -> changeLan(lan -> lan.randomChange(random)), ms, ms, TimeUnit.MILLISECONDS);
        }
        if (!settings.doorbellInterval.isZero()) {
            long ms = settings.doorbellInterval.toMillis();
            device.scheduleWithFixedDelay(() -> pressDoorbell("front"), ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Builds and starts an agent on the gateway's storage: at the first start and after each reboot. */
    private void startAgent() {
        Instant bootTime = Instant.now();
        UspAgent.Builder b = UspAgent.builder()
                .endpointId(settings.endpointId)
                .supportedDataModel(GatewaySchema.model())
                .storage(settings.storage)
                .factoryDefaults(settings.factoryDefaults)
                .host(new RestartingHost());
        GatewayBindings.bind(b, settings.serialNumber, wifi, lan, ethernet, device, bootTime);
        // MQTT connections configured in the data model (Device.MQTT.Client.{i}., for instance by a defaults file).
        MqttClients mqttFromDataModel = MqttClients.install(b);
        // WebSocket servers and Controller connections configured in the data model (LocalAgent.MTP.{i}.WebSocket.,
        // Controller.{i}.MTP.{i}.WebSocket.); servers listen on this machine only, and without TLS key material.
        WebSocketMtps webSocketFromDataModel = WebSocketMtps.install(b,
                new WebSocketMtps.Options(Transports.BIND_ADDRESS, null, null));
        // Transports given on the command line; made anew for each agent, since closing an agent closes them.
        List<MessageTransport> transports = settings.transports.get();
        transports.forEach(b::transport);
        UspAgent a;
        try {
            a = b.build();
        } catch (RuntimeException e) {
            transports.forEach(MessageTransport::close); // the agent would have closed them
            throw e;
        }
        try {
            if (settings.controllerEndpointId != null) {
                a.call(() -> {
                    provisionController(a.dataModel(), settings.controllerEndpointId);
                    return null;
                }).join();
            }
            a.call(() -> {
                takeStock(a.dataModel());
                return null;
            }).join();
            mqttFromDataModel.attach(a);
            webSocketFromDataModel.attach(a);
            a.start();
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        agent = a;
        settings.onStart.accept(a);
        LOG.info("gateway {} is up ({})", settings.endpointId, a.bootRecord().cause());
    }

    /**
     * Makes sure the Controller named on the command line has an enabled entry in
     * {@code Device.LocalAgent.Controller.{i}.}: notifications go only to Controllers with an entry.
     */
    private static void provisionController(DataModel model, String endpointId) {
        List<ResolvedPath> found = model.view().resolve(PathName.parse(
                "Device.LocalAgent.Controller.[EndpointID==\"" + endpointId + "\"].")).paths();
        if (!found.isEmpty()) {
            return;
        }
        Transaction tx = model.begin();
        try {
            tx.create("Device.LocalAgent.Controller.", Map.of("EndpointID", endpointId, "Enable", "true"));
            tx.commit();
        } finally {
            tx.rollback();
        }
        LOG.info("added Controller {} to Device.LocalAgent.Controller.", endpointId);
    }

    /**
     * Lists each firmware table once, so that the rows present at start get their instance numbers now rather
     * than when a Controller first looks, and a subscription made later does not hear of them as created.
     */
    private static void takeStock(DataModel model) {
        for (String table : List.of("Device.WiFi.Radio.*.", "Device.WiFi.SSID.*.", "Device.Hosts.Host.*.",
                "Device.Ethernet.Interface.*.")) {
            model.view().resolve(PathName.parse(table));
        }
    }

    /** Where the agent's Reboot() and FactoryReset() end: a restart of the agent in this process. */
    private final class RestartingHost implements DeviceHost {
        @Override
        public void reboot(BootRecord next) {
            // Called on the agent thread, which cannot wait for itself to stop: restart from the device's thread.
            device.execute(Gateway.this::restart);
        }

        @Override
        public void factoryReset(BootRecord next) {
            // The agent has erased its own stored state; the firmware resets the rest of the configuration.
            wifi.factoryReset();
            device.execute(Gateway.this::restart);
        }
    }

    /** Stops the agent and starts a new one on the same storage: what a reboot of the device looks like to USP. */
    private synchronized void restart() {
        if (closed) {
            return;
        }
        LOG.info("gateway {} restarting", settings.endpointId);
        agent.close();
        try {
            startAgent();
        } catch (RuntimeException e) {
            LOG.error("gateway {} could not restart", settings.endpointId, e);
        }
    }

    /** The agent now running (a new one after each reboot). */
    public UspAgent agent() {
        return agent;
    }

    /**
     * Runs something on the firmware state, on the agent thread, for a look at the driver from outside (tests).
     *
     * @return what {@code look} returns
     */
    public <T> CompletableFuture<T> onWifi(Function<WifiDriver, T> look) {
        return agent.call(() -> look.apply(wifi));
    }

    /**
     * Changes the LAN on the agent thread and tells the data model: a host that joined or left becomes an
     * ObjectCreation or ObjectDeletion, a changed value a ValueChange.
     *
     * @return the change made
     */
    public CompletableFuture<SimulatedLan.Change> changeLan(Function<SimulatedLan, SimulatedLan.Change> change) {
        UspAgent a = agent;
        return logged("LAN change", a.call(() -> {
            SimulatedLan.Change c = change.apply(lan);
            publish(a.dataModel(), c);
            return c;
        }));
    }

    /** Passes a LAN change on to the data model. Runs on the agent thread. */
    private static void publish(DataModel model, SimulatedLan.Change change) {
        // Reading a firmware table makes the data model compare it with what firmware lists: a host that joined
        // gets an instance number and an ObjectCreation notification, one that left an ObjectDeletion. Searching
        // by the host's MAC address reads the table and finds the host's row in one go.
        List<ResolvedPath> rows = model.view().resolve(PathName.parse(
                "Device.Hosts.Host.[PhysAddress==\"" + change.mac() + "\"].")).paths();
        // Values bound as "notifying" are not polled: firmware reports each change itself.
        for (ResolvedPath row : rows) {
            change.changed().forEach((name, value) -> model.valueChanged(row.path() + name, value));
        }
    }

    /**
     * Someone presses the doorbell: the count is pushed into the data model and the vendor event
     * {@code Device.X_ACME_Doorbell.Pressed!} is emitted. Any thread may call this.
     */
    public CompletableFuture<Void> pressDoorbell(String button) {
        UspAgent a = agent;
        return logged("doorbell", a.call(() -> {
            DataModel model = a.dataModel();
            long count = Long.parseLong(model.view().value(GatewaySchema.DOORBELL + "PressCount")) + 1;
            // Library-stored, read-only parameters: firmware pushes their values, and they are persisted.
            model.update(GatewaySchema.DOORBELL + "PressCount", count);
            model.update(GatewaySchema.DOORBELL + "LastPressed", Instant.now());
            model.emit(GatewaySchema.DOORBELL + "Pressed!", Map.of("Button", button, "PressCount", count));
            return null;
        }));
    }

    /** Logs a failure of work handed to the agent; a closed agent (a restart under way) just skips it. */
    private static <T> CompletableFuture<T> logged(String what, CompletableFuture<T> work) {
        return work.whenComplete((result, failure) -> {
            if (failure instanceof RejectedExecutionException) {
                LOG.debug("{} skipped: the agent is restarting", what);
            } else if (failure != null) {
                LOG.warn("{} failed", what, failure);
            }
        });
    }

    /** Stops the timers and the agent. The storage stays open: it is the caller's. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        device.shutdownNow();
        if (agent != null) {
            agent.close();
        }
    }

    /** The gateway's settings. Not thread-safe. */
    public static final class Builder {
        private final Storage storage;
        private String endpointId = "os::00D09E-GW0001";
        private String serialNumber = "GW0001";
        private FactoryDefaults factoryDefaults = FactoryDefaults.NONE;
        private String controllerEndpointId;
        private Supplier<List<MessageTransport>> transports = List::of;
        private Duration lanInterval = Duration.ofSeconds(20);
        private Duration doorbellInterval = Duration.ofSeconds(90);
        private Consumer<UspAgent> onStart = a -> { };

        private Builder(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /** The agent's Endpoint ID (default {@code os::00D09E-GW0001}). */
        public Builder endpointId(String endpointId) {
            this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
            return this;
        }

        /** {@code Device.DeviceInfo.SerialNumber} (default {@code GW0001}). */
        public Builder serialNumber(String serialNumber) {
            this.serialNumber = Objects.requireNonNull(serialNumber, "serialNumber");
            return this;
        }

        /** What the first start, and the first after a factory reset, writes (default nothing). */
        public Builder factoryDefaults(FactoryDefaults defaults) {
            this.factoryDefaults = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /** A Controller that gets an enabled entry in the Controller table at every start, if it has none. */
        public Builder controller(String endpointId) {
            this.controllerEndpointId = endpointId;
            return this;
        }

        /** Makes the transports for each start of the agent (default none). */
        public Builder transports(Supplier<List<MessageTransport>> transports) {
            this.transports = Objects.requireNonNull(transports, "transports");
            return this;
        }

        /** How often the LAN changes by itself (default 20 s); zero turns it off. */
        public Builder lanInterval(Duration interval) {
            this.lanInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** How often the doorbell rings by itself (default 90 s); zero turns it off. */
        public Builder doorbellInterval(Duration interval) {
            this.doorbellInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Called with each agent once started: the first and the one after each reboot. */
        public Builder onStart(Consumer<UspAgent> listener) {
            this.onStart = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The gateway, not started. */
        public Gateway build() {
            return new Gateway(this);
        }
    }
}
