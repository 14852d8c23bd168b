package io.usp4j.mtp.mqtt.agent;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.datamodel.binding.ChangeHandler;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ObjectChange;
import io.usp4j.datamodel.binding.ObjectInstance;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.mtp.mqtt.MqttSettings;
import io.usp4j.mtp.mqtt.MqttTransport;
import io.usp4j.mtp.mqtt.MqttVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agent's MQTT MTPs from its data model: each {@code Device.MQTT.Client.{i}.} row that is enabled and
 * referenced by an enabled {@code Device.LocalAgent.MTP.{i}.} row (Protocol {@code MQTT}) gets a
 * {@link MqttTransport} attached to the agent. The configuration rows are library-stored;
 * {@code Client.{i}.Status}, {@code ResponseInformation}, {@code LocalAgent.MTP.{i}.Status} and
 * {@code MTP.{i}.MQTT.ResponseTopicDiscovered} are read from the live transport.
 *
 * <p>{@code Device.MQTT.Capabilities.} reports 3.1.1 and 5.0 over TCP/IP; a ProtocolVersion of 3.1 is
 * refused with 7012 (against the Client object, as a ChangeHandler veto). {@code Client.{i}.ForceReconnect()}
 * replaces the row's connection; {@code Subscription.{i}.Status} reports what the broker granted.
 *
 * <p>What feeds each transport's {@link MqttSettings}: the Client row (BrokerAddress, BrokerPort,
 * ProtocolVersion, ClientID, Username, Password, KeepAliveTime, CleanStart under 5.0 or CleanSession under
 * 3.1.1, ConnectRetryTime, ConnectRetryIntervalMultiplier, ConnectRetryMaxInterval, the enabled
 * Subscription.{i}.Topic filters), the MTP row (MQTT.ResponseTopicConfigured, MQTT.PublishQoS) and every
 * enabled {@code LocalAgent.Controller.{i}.MTP.{i}.} with Protocol {@code MQTT} whose MQTT.AgentMTPReference
 * is empty or names that MTP row (its MQTT.Topic).
 *
 * <p>A committed change to any of these objects schedules a reconciliation on the agent thread, after the
 * transaction: a transport whose settings did not change is left alone; one whose settings changed is
 * detached and closed (MQTT DISCONNECT) and a new one attached, so a Set of BrokerPort or Enable false then
 * true reconnects cleanly. A transaction that rolls back leaves the settings as they were, so it changes
 * nothing.
 *
 * <p>Use: {@code MqttClients mqtt = MqttClients.install(builder); UspAgent agent = builder.build();
 * mqtt.attach(agent); agent.start();}. {@link #install} binds the objects named above; a binding the
 * application made of the same objects is replaced.
 *
 * <p>Thread-safe: {@link #attach} and {@link #transport} may be called from any thread; everything else runs
 * on the agent thread.
 */
public final class MqttClients {
    private static final Logger LOG = LoggerFactory.getLogger(MqttClients.class);

    /** The MQTT client table. */
    public static final String CLIENTS = "Device.MQTT.Client.";
    private static final String LOCAL_MTPS = "Device.LocalAgent.MTP.";
    private static final String CONTROLLERS = "Device.LocalAgent.Controller.";

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile UspAgent agent;
    private boolean pending;

    /** One attached transport and what it was made from. */
    private record Running(Config config, MqttTransport transport) {}

    /** Everything a transport is made from; equal configurations need no reconnect. */
    private record Config(String mtpRow, String host, int port, MqttVersion version, String clientId, String username,
            String password, long keepAlive, boolean cleanStart, String responseTopic, int qos, List<String> subscriptions,
            long retrySeconds, int multiplier, long maxIntervalSeconds, Map<String, String> controllers) {}

    private MqttClients() {}

    /**
     * Declares {@code MQTT} in {@code Device.LocalAgent.SupportedProtocols} and binds
     * {@code Device.MQTT.Capabilities.}, {@code Device.MQTT.Client.{i}.} (and its Subscription table), {@code Device.LocalAgent.MTP.{i}.}
     * (and its MQTT object) and {@code Device.LocalAgent.Controller.{i}.MTP.{i}.} (and its MQTT object) on the
     * builder. Call before {@link UspAgent.Builder#build()}, then {@link #attach} the built agent.
     *
     * @param builder the agent's builder
     * @return the binding, to attach the agent to
     * @throws NullPointerException when the builder is null
     */
    public static MqttClients install(UspAgent.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        MqttClients c = new MqttClients();
        builder.supportedProtocol("MQTT");
        ChangeHandler reconcile = new ChangeHandler() {
            @Override
            public void validate(ObjectChange change) {
                String v = change.values().get("ProtocolVersion");
                if (v != null && !v.isEmpty()) {
                    try {
                        version(v);
                    } catch (IllegalArgumentException e) {
                        throw new UspException(ErrorCode.INVALID_VALUE, change.instance().path()
                                + "ProtocolVersion " + v + " is not supported (3.1.1 and 5.0 are)");
                    }
                }
            }

            @Override
            public void apply(ObjectChange change) {
                LOG.debug("{} {}: reconciling the MQTT clients", change.kind(), change.instance().path());
                c.schedule();
            }
        };
        builder.bind("Device.MQTT.Capabilities.", ObjectBinding.builder()
                .constant("ProtocolVersionsSupported", List.of(MqttVersion.V3_1_1.label(), MqttVersion.V5.label()))
                .constant("TransportProtocolSupported", List.of("TCP/IP"))
                .build());
        builder.bind(CLIENTS + "{i}.", ObjectBinding.builder()
                .getter("Status", c::clientStatus)
                .getter("ResponseInformation", i -> c.status(i.path()).map(MqttTransport.Status::responseTopicDiscovered).orElse(""))
                .syncCommand("ForceReconnect()", call -> {
                    c.forceReconnect(call.instance().path());
                    return Map.of();
                })
                .onChange(reconcile)
                .build());
        builder.bind(CLIENTS + "{i}.Subscription.{i}.", ObjectBinding.builder()
                .getter("Status", c::subscriptionStatus)
                .onChange(reconcile)
                .build());
        builder.bind(LOCAL_MTPS + "{i}.", ObjectBinding.builder()
                .getter("Status", c::mtpStatus)
                .onChange(reconcile)
                .build());
        builder.bind(LOCAL_MTPS + "{i}.MQTT.", ObjectBinding.builder()
                .getter("ResponseTopicDiscovered", i -> c.byMtp(i.parent().path()).map(MqttTransport.Status::responseTopicDiscovered).orElse(""))
                .onChange(reconcile)
                .build());
        builder.bind(CONTROLLERS + "{i}.MTP.{i}.", ObjectBinding.builder().onChange(reconcile).build());
        builder.bind(CONTROLLERS + "{i}.MTP.{i}.MQTT.", ObjectBinding.builder().onChange(reconcile).build());
        return c;
    }

    /**
     * Starts running the data model's MQTT clients on the agent: reconciles now (on the agent thread) and
     * after every committed change. The transports start when the agent starts (at once if it has).
     *
     * @param agent the agent built from the builder given to {@link #install}
     * @throws IllegalStateException when already attached
     */
    public void attach(UspAgent agent) {
        Objects.requireNonNull(agent, "agent");
        synchronized (this) {
            if (this.agent != null) {
                throw new IllegalStateException("already attached");
            }
            this.agent = agent;
        }
        agent.execute(this::reconcile);
    }

    /**
     * The transport currently running for a Client row.
     *
     * @param clientRow the row path ({@code Device.MQTT.Client.1.}, with or without the final dot)
     * @return the transport, or null when none runs
     */
    public MqttTransport transport(String clientRow) {
        Running r = running.get(rowPath(clientRow));
        return r == null ? null : r.transport();
    }

    private void schedule() {
        UspAgent a = agent;
        if (a == null || pending) {
            return;
        }
        pending = true;
        a.execute(this::reconcile);
    }

    /** Brings the running transports in line with the data model. On the agent thread. */
    private void reconcile() {
        pending = false;
        UspAgent a = agent;
        ModelView view = a.dataModel().view();
        Map<String, Config> wanted = new LinkedHashMap<>();
        for (String client : rows(view, CLIENTS)) {
            try {
                Config cfg = config(view, client);
                if (cfg != null) {
                    wanted.put(client, cfg);
                }
            } catch (RuntimeException e) {
                LOG.warn("{} is misconfigured: {}", client, e.getMessage());
            }
        }
        for (Map.Entry<String, Running> e : new ArrayList<>(running.entrySet())) {
            if (!e.getValue().config().equals(wanted.get(e.getKey()))) {
                LOG.info("{}: stopping its MQTT transport", e.getKey());
                a.removeTransport(e.getValue().transport());
                running.remove(e.getKey());
            }
        }
        for (Map.Entry<String, Config> e : wanted.entrySet()) {
            if (running.containsKey(e.getKey())) {
                continue;
            }
            MqttTransport t;
            try {
                t = new MqttTransport(settings(e.getValue()));
            } catch (RuntimeException ex) {
                LOG.warn("{} is misconfigured: {}", e.getKey(), ex.getMessage());
                continue;
            }
            LOG.info("{}: starting an MQTT transport to {}:{}", e.getKey(), e.getValue().host(), e.getValue().port());
            try {
                a.addTransport(t);
            } catch (IllegalStateException closed) {
                LOG.debug("agent closed; {} not started", e.getKey());
                t.close();
                return;
            }
            running.put(e.getKey(), new Running(e.getValue(), t));
        }
    }

    /** The configuration of an enabled, used Client row; null when it should not run. */
    private Config config(ModelView view, String client) {
        if (!"true".equals(view.value(client + "Enable"))) {
            return null;
        }
        String mtp = null;
        for (String m : rows(view, LOCAL_MTPS)) {
            if ("true".equals(view.value(m + "Enable")) && "MQTT".equals(view.value(m + "Protocol"))
                    && client.equals(rowPath(view.value(m + "MQTT.Reference")))) {
                mtp = m;
                break;
            }
        }
        if (mtp == null) {
            return null;
        }
        String host = str(view, client + "BrokerAddress");
        if (host.isEmpty()) {
            return null;
        }
        MqttVersion version = version(str(view, client + "ProtocolVersion"));
        List<String> subscriptions = new ArrayList<>();
        for (String s : rows(view, client + "Subscription.")) {
            String topic = str(view, s + "Topic");
            if ("true".equals(view.value(s + "Enable")) && !topic.isEmpty()) {
                subscriptions.add(topic);
            }
        }
        Map<String, String> controllers = new LinkedHashMap<>();
        for (String c : rows(view, CONTROLLERS)) {
            String id = str(view, c + "EndpointID");
            if (!"true".equals(view.value(c + "Enable")) || id.isEmpty()) {
                continue;
            }
            for (String cm : rows(view, c + "MTP.")) {
                String topic = str(view, cm + "MQTT.Topic");
                String via = rowPath(view.value(cm + "MQTT.AgentMTPReference"));
                if ("true".equals(view.value(cm + "Enable")) && "MQTT".equals(view.value(cm + "Protocol"))
                        && !topic.isEmpty() && (via.isEmpty() || via.equals(mtp))) {
                    controllers.putIfAbsent(id, topic);
                }
            }
        }
        String qos = str(view, mtp + "MQTT.PublishQoS");
        return new Config(mtp, host, (int) num(view, client + "BrokerPort", 1883), version, str(view, client + "ClientID"),
                str(view, client + "Username"), str(view, client + "Password"), num(view, client + "KeepAliveTime", 60),
                !"false".equals(view.value(client + (version == MqttVersion.V5 ? "CleanStart" : "CleanSession"))),
                str(view, mtp + "MQTT.ResponseTopicConfigured"), qos.isEmpty() ? 1 : Math.min(1, Integer.parseInt(qos)),
                List.copyOf(subscriptions), num(view, client + "ConnectRetryTime", 5),
                (int) num(view, client + "ConnectRetryIntervalMultiplier", 2000),
                num(view, client + "ConnectRetryMaxInterval", 30720), Map.copyOf(controllers));
    }

    private MqttSettings settings(Config c) {
        MqttSettings.Builder b = MqttSettings.builder(agent.endpointId(), c.host(), c.port())
                .version(c.version())
                .clientId(c.clientId())
                .keepAlive(Duration.ofSeconds(c.keepAlive()))
                .cleanStart(c.cleanStart())
                .qos(c.qos())
                .connectRetry(Duration.ofSeconds(c.retrySeconds()), c.multiplier(), Duration.ofSeconds(c.maxIntervalSeconds()));
        if (!c.username().isEmpty() || !c.password().isEmpty()) {
            b.credentials(c.username(), c.password());
        }
        if (!c.responseTopic().isEmpty()) {
            b.responseTopic(c.responseTopic());
        }
        c.subscriptions().forEach(b::subscribe);
        c.controllers().forEach(b::controller);
        return b.build();
    }

    private static MqttVersion version(String label) {
        if (label.isEmpty()) {
            return MqttVersion.V5;
        }
        for (MqttVersion v : MqttVersion.values()) {
            if (v.label().equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unsupported ProtocolVersion " + label);
    }

    /** ForceReconnect(): a new connection for the row, whatever changed. On the agent thread. */
    private void forceReconnect(String clientRow) {
        Running r = running.get(clientRow);
        if (r != null) {
            LOG.info("{}: ForceReconnect()", clientRow);
            agent.removeTransport(r.transport());
            running.remove(clientRow);
        }
        agent.execute(this::reconcile);
    }

    private String subscriptionStatus(ObjectInstance row) {
        Running r = running.get(row.parent().path());
        String topic = row.value("Topic");
        if (r == null || topic == null || !"true".equals(row.value("Enable"))) {
            return "Unsubscribed";
        }
        MqttTransport.Status s = r.transport().status();
        if (s.refused().contains(topic)) {
            return "Error";
        }
        return s.state() == MqttTransport.State.CONNECTED && s.subscribed().contains(topic) ? "Subscribed" : "Unsubscribed";
    }

    private String clientStatus(ObjectInstance row) {
        if (!"true".equals(row.value("Enable"))) {
            return "Disabled";
        }
        Running r = running.get(row.path());
        if (r == null) {
            return "Error_Misconfigured";
        }
        MqttTransport.Status s = r.transport().status();
        switch (s.state()) {
            case CONNECTED:
                return "Connected";
            case DISABLED:
                return "Error_Misconfigured";
            case CLOSED:
                return "Disabled";
            default:
                return s.failures() > 0 && !s.lastError().isEmpty() ? "Error_BrokerUnreachable" : "Connecting";
        }
    }

    private String mtpStatus(ObjectInstance row) {
        if (!"MQTT".equals(row.value("Protocol"))) {
            return "true".equals(row.value("Enable")) ? "Up" : "Down";
        }
        return byMtp(row.path()).map(s -> s.state() == MqttTransport.State.CONNECTED ? "Up" : "Down").orElse("Down");
    }

    private Optional<MqttTransport.Status> status(String clientRow) {
        Running r = running.get(clientRow);
        return r == null ? Optional.empty() : Optional.of(r.transport().status());
    }

    private Optional<MqttTransport.Status> byMtp(String mtpRow) {
        for (Running r : running.values()) {
            if (r.config().mtpRow().equals(mtpRow)) {
                return Optional.of(r.transport().status());
            }
        }
        return Optional.empty();
    }

    /** The instance paths of a table's rows ({@code Device.MQTT.Client.} gives {@code Device.MQTT.Client.1.}, ...). */
    private static List<String> rows(ModelView view, String table) {
        List<String> out = new ArrayList<>();
        for (ResolvedPath p : view.resolve(PathName.parse(table + "*.")).paths()) {
            out.add(p.path());
        }
        return out;
    }

    /** A row reference as a row path ending in a dot; empty for none. */
    private static String rowPath(String reference) {
        if (reference == null || reference.isEmpty()) {
            return "";
        }
        return reference.endsWith(".") ? reference : reference + ".";
    }

    private static String str(ModelView view, String path) {
        String v = view.value(path);
        return v == null ? "" : v;
    }

    private static long num(ModelView view, String path, long dflt) {
        String v = view.value(path);
        return v == null || v.isEmpty() ? dflt : Long.parseLong(v);
    }
}
