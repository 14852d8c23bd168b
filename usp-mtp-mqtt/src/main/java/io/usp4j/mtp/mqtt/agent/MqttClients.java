package io.usp4j.mtp.mqtt.agent;

import static io.usp4j.agent.transport.ModelRows.number;
import static io.usp4j.agent.transport.ModelRows.rowPath;
import static io.usp4j.agent.transport.ModelRows.rows;
import static io.usp4j.agent.transport.ModelRows.string;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.transport.MtpProtocol;
import io.usp4j.agent.transport.TransportReconciler;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.transport.TlsSettings;
import io.usp4j.datamodel.binding.ChangeHandler;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ObjectChange;
import io.usp4j.datamodel.binding.ObjectInstance;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.datamodel.instance.Transaction;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agent's MQTT MTPs from its data model: each {@code Device.MQTT.Client.{i}.} row that is enabled and
 * referenced by an enabled {@code Device.LocalAgent.MTP.{i}.} row (Protocol {@code MQTT}) gets a
 * {@link MqttTransport} attached to the agent. The configuration rows are library-stored;
 * {@code Client.{i}.Status}, {@code ResponseInformation}, {@code LocalAgent.MTP.{i}.Status} and
 * {@code MTP.{i}.MQTT.ResponseTopicDiscovered} are read from the live transport.
 *
 * <p>{@code Device.MQTT.Capabilities.} reports 3.1.1 and 5.0 over TCP/IP, and TLS when the agent was given
 * {@link TlsSettings} ({@link #install(UspAgent.Builder, TlsSettings)}); a ProtocolVersion of 3.1 or an
 * unsupported TransportProtocol is refused with 7012 (against the Client object, as a ChangeHandler veto). {@code Client.{i}.ForceReconnect()}
 * replaces the row's connection; {@code Subscription.{i}.Status} reports what the broker granted.
 *
 * <p>What feeds each transport's {@link MqttSettings}: the Client row (BrokerAddress, BrokerPort,
 * TransportProtocol, ProtocolVersion, ClientID, Username, Password, KeepAliveTime, CleanStart under 5.0 or CleanSession under
 * 3.1.1, ConnectRetryTime, ConnectRetryIntervalMultiplier, ConnectRetryMaxInterval, the enabled
 * Subscription.{i}.Topic filters with their QoS), the MTP row (MQTT.ResponseTopicConfigured, MQTT.PublishQoS) and every
 * enabled {@code LocalAgent.Controller.{i}.MTP.{i}.} with Protocol {@code MQTT} whose MQTT.AgentMTPReference
 * is empty or names that MTP row (its MQTT.Topic, PublishRetainResponse and PublishRetainNotify).
 *
 * <p>A committed change to any of these objects schedules a reconciliation on the agent thread, after the
 * transaction: a transport whose settings did not change is left alone; one whose Subscription rows (Topic,
 * QoS, Enable, added or deleted), PublishQoS, Controller topics or RETAIN flags or retry timing changed takes the change on its
 * live connection ({@link MqttTransport#reconfigure}: SUBSCRIBE and UNSUBSCRIBE, no reconnect); one whose
 * connection settings changed (broker, version, ClientID, credentials, Keep Alive, Clean Start/Session,
 * ResponseTopicConfigured) is detached and closed (MQTT DISCONNECT, in the background so that the agent thread
 * never waits for the broker) and a new one attached, so a Set of BrokerPort or Enable false then true
 * reconnects cleanly. A transaction that rolls back leaves the settings as they were, so it changes nothing.
 *
 * <p>{@code Client.{i}.Stats.} is read from the transport ({@link #clientStats}); it survives a reconnect to
 * the same broker (ForceReconnect, a changed Keep Alive...) and restarts at zero when the row is enabled again
 * or moves to another broker, as TR-181 asks. {@code Client.{i}.Status} is {@code Connecting} before the first
 * failure, {@code Error_BrokerUnreachable} while retrying after a failed or lost connection, {@code Error}
 * while the broker refuses every subscription, {@code Error_Misconfigured} when the row cannot run (no
 * BrokerAddress, no MTP row using it, nothing to subscribe to), {@code Disabled} when not enabled.
 *
 * <p>ClientID (R-MQTT.9, R-MQTT.11): under 5.0 with an empty {@code Client.{i}.ClientID}, the ClientId the broker
 * assigns in CONNACK is written into that ClientID (on the agent thread, in a transaction of its own, so it is
 * stored with the rest of the configuration and survives a restart) unless the parameter changed meanwhile. The
 * running transport already uses it, so this write does not reconnect; later transports of the row (a changed
 * Keep Alive, ForceReconnect, the next start) connect with it. Setting ClientID to empty asks for a new one.
 *
 * <p>Use: {@code MqttClients mqtt = MqttClients.install(builder); UspAgent agent = builder.build();
 * mqtt.attach(agent); agent.start();}. {@link #install} binds the objects named above (the application must
 * not bind them too) and contributes the MQTT rows' Status to {@code Device.LocalAgent.MTP.{i}.}, which the agent
 * binds, so the other MTP bindings can be installed with it.
 *
 * <p>Thread-safe: {@link #attach}, {@link #transport} and {@link #clientStats} may be called from any thread;
 * everything else runs on the agent thread.
 */
public final class MqttClients {
    private static final Logger LOG = LoggerFactory.getLogger(MqttClients.class);

    /** The MQTT client table. */
    public static final String CLIENTS = "Device.MQTT.Client.";
    private static final String LOCAL_MTPS = "Device.LocalAgent.MTP.";
    private static final String CONTROLLERS = "Device.LocalAgent.Controller.";
    private static final String TCP = "TCP/IP";
    private static final String TLS = "TLS";

    /** The Client rows' transports. */
    private final TransportReconciler<Config, MqttTransport> rows;

    /**
     * The statistics of the earlier transports of a running row to the same broker (TR-181 resets Stats only
     * on re-enable or a new broker), by Client row.
     */
    private final Map<String, MqttTransport.Stats> before = new ConcurrentHashMap<>();

    /**
     * The statistics of a row's last transport: shown while none runs, and carried over to the next one when
     * it reconnects to the same broker ({@code carryOver}; not after a disable).
     */
    private record Carried(String host, int port, MqttTransport.Stats stats, boolean carryOver) {}

    /**
     * Everything a transport is made from; equal configurations need nothing done, and configurations that
     * differ only in what {@link MqttTransport#reconfigure} takes need no reconnect.
     */
    private record Config(String mtpRow, String host, int port, MqttVersion version, String clientId, String username,
            String password, long keepAlive, boolean cleanStart, String responseTopic, int qos, List<String> subscriptions,
            List<Integer> subscriptionQos, long retrySeconds, int multiplier, long maxIntervalSeconds,
            Map<String, String> controllers, java.util.Set<String> retainResponse, java.util.Set<String> retainNotify,
            boolean tls) {
        Config withClientId(String id) {
            return new Config(mtpRow, host, port, version, id, username, password, keepAlive, cleanStart, responseTopic,
                    qos, subscriptions, subscriptionQos, retrySeconds, multiplier, maxIntervalSeconds, controllers,
                    retainResponse, retainNotify, tls);
        }
    }

    private final Map<String, Carried> carried = new ConcurrentHashMap<>();

    /** The agent's TLS for Clients with TransportProtocol TLS; null when it has none. */
    private final TlsSettings tls;

    private MqttClients(TlsSettings tls) {
        this.tls = tls;
        this.rows = TransportReconciler.<Config, MqttTransport>builder("MQTT", this::desired, this::create)
                .reconfigurer((row, t, previous, next) -> reconfigure(row, t, next))
                .listener(new TransportReconciler.Listener<>() {
                    @Override
                    public void started(String row, Config config, MqttTransport transport) {
                        Carried c = carried.remove(row);
                        before.put(row, c != null && c.carryOver() && c.host().equals(config.host())
                                && c.port() == config.port() ? c.stats() : MqttTransport.Stats.ZERO);
                    }

                    @Override
                    public void stopping(String row, Config config, MqttTransport transport, boolean replaced) {
                        // DISCONNECT on the transport's closing thread: the agent thread goes on at once.
                        transport.closeAsync().whenComplete((ok, failed) -> LOG.debug("{}: the old MQTT connection is closed", row));
                        carried.put(row, new Carried(config.host(), config.port(), stats(row, transport), replaced));
                        before.remove(row);
                    }
                })
                .build();
    }

    private MqttTransport.Stats stats(String row, MqttTransport transport) {
        return before.getOrDefault(row, MqttTransport.Stats.ZERO).plus(transport.stats());
    }

    /**
     * Declares {@code MQTT} in {@code Device.LocalAgent.SupportedProtocols} and binds
     * {@code Device.MQTT.Capabilities.}, {@code Device.MQTT.Client.{i}.} (and its Subscription table),
     * {@code Device.LocalAgent.MTP.{i}.MQTT.} and {@code Device.LocalAgent.Controller.{i}.MTP.{i}.} (and its MQTT
     * object) on the builder, and contributes the MQTT rows' Status to {@code Device.LocalAgent.MTP.{i}.}, which
     * the agent binds ({@link UspAgent.Builder#mtpProtocol}). Call before {@link UspAgent.Builder#build()}, then {@link #attach} the built agent.
     *
     * @param builder the agent's builder
     * @return the binding, to attach the agent to
     * @throws NullPointerException when the builder is null
     */
    public static MqttClients install(UspAgent.Builder builder) {
        return install(builder, null);
    }

    /**
     * As {@link #install(UspAgent.Builder)}, with the TLS that Client rows with {@code TransportProtocol} TLS
     * connect with: the data model names no key material, so the agent's trust anchors, client certificate and
     * host-name policy come from here. {@code Device.MQTT.Capabilities.TransportProtocolSupported} then lists
     * {@code TLS}; without it a Set of TransportProtocol TLS is refused (7012).
     *
     * @param builder the agent's builder
     * @param tls the agent's TLS for its MQTT brokers; null for none (TCP only)
     * @return the binding, to attach the agent to
     * @throws NullPointerException when the builder is null
     */
    public static MqttClients install(UspAgent.Builder builder, TlsSettings tls) {
        Objects.requireNonNull(builder, "builder");
        MqttClients c = new MqttClients(tls);
        List<String> transports = tls == null ? List.of(TCP) : List.of(TCP, TLS);
        ChangeHandler reconcile = new ChangeHandler() {
            @Override
            public void validate(ObjectChange change) {
                String p = change.values().get("TransportProtocol");
                if (p != null && !p.isEmpty() && !transports.contains(p)) {
                    throw new UspException(ErrorCode.INVALID_VALUE, change.instance().path()
                            + "TransportProtocol " + p + " is not supported (" + String.join(", ", transports) + " are)");
                }
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
                .constant("TransportProtocolSupported", transports)
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
        builder.bind(CLIENTS + "{i}.Stats.", ObjectBinding.builder()
                .group(c::stats, STATS)
                .build());
        builder.bind(CLIENTS + "{i}.Subscription.{i}.", ObjectBinding.builder()
                .getter("Status", c::subscriptionStatus)
                .onChange(reconcile)
                .build());
        builder.mtpProtocol(new MtpProtocol("MQTT", c::mtpStatus, reconcile));
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
        rows.attach(agent);
    }

    /**
     * The transport currently running for a Client row.
     *
     * @param clientRow the row path ({@code Device.MQTT.Client.1.}, with or without the final dot)
     * @return the transport, or null when none runs
     */
    public MqttTransport transport(String clientRow) {
        return rows.transport(clientRow);
    }

    private void schedule() {
        rows.schedule();
    }

    /** The desired configurations of the Client rows. On the agent thread. */
    private Map<String, Config> desired(ModelView view) {
        Map<String, Config> wanted = new LinkedHashMap<>();
        List<String> clientRows = rows(view, CLIENTS);
        carried.keySet().retainAll(clientRows);
        for (String client : clientRows) {
            try {
                Config cfg = config(view, client);
                if (cfg != null) {
                    wanted.put(client, cfg);
                }
            } catch (RuntimeException e) {
                LOG.warn("{} is misconfigured: {}", client, e.getMessage());
            }
        }
        return wanted;
    }

    /** A Client row's new transport. On the agent thread. */
    private MqttTransport create(String row, Config config) {
        AtomicReference<MqttTransport> self = new AtomicReference<>();
        MqttTransport t = new MqttTransport(settings(config), id -> onAgentThread(() -> clientIdAssigned(row, self.get(), id)));
        self.set(t);
        LOG.info("{}: an MQTT transport to {}:{}", row, config.host(), config.port());
        return t;
    }

    /** Runs a task on the agent thread, unless the agent is closed. Any thread. */
    private void onAgentThread(Runnable task) {
        try {
            rows.agent().execute(task);
        } catch (RejectedExecutionException closed) {
            LOG.debug("agent closed; a MQTT client task is dropped");
        }
    }

    /**
     * R-MQTT.9: saves the ClientId a broker assigned to a row's transport as the row's ClientID. The running
     * configuration takes it first, and the transport is told, so that the reconciliation this commit
     * schedules finds nothing to reconnect for. Nothing is written when the transport is no longer the row's or
     * the ClientID is no longer the (empty) one the transport was made with. Agent thread.
     */
    private void clientIdAssigned(String row, MqttTransport transport, String id) {
        UspAgent agent = rows.agent();
        Config config = rows.config(row);
        if (config == null || rows.transport(row) != transport) {
            LOG.debug("{}: ClientId {} was assigned to a transport that no longer runs", row, id);
            return;
        }
        String path = row + "ClientID";
        String now = agent.dataModel().view().value(path);
        if (!config.clientId().isEmpty() || !(now == null || now.isEmpty())) {
            LOG.debug("{}: ClientID changed to '{}' meanwhile; the assigned {} is not saved", row, now, id);
            return;
        }
        Config withId = config.withClientId(id);
        rows.update(row, transport, withId);
        try {
            if (!transport.reconfigure(settings(withId))) {
                LOG.debug("{}: the transport did not take ClientId {} (closed or disabled)", row, id);
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: the transport refused ClientId {}", row, id, e);
        }
        Transaction tx = null;
        try {
            tx = agent.dataModel().begin();
            tx.setInternal(path, id);
            tx.commit();
            LOG.info("{}: saved the ClientId {} the broker assigned (R-MQTT.9)", row, id);
        } catch (RuntimeException e) {
            LOG.warn("{}: could not save the assigned ClientId {} as {}", row, id, path, e);
            rows.update(row, transport, config);
        } finally {
            if (tx != null && tx.isOpen()) {
                tx.rollback();
            }
        }
    }

    /** Hands a changed configuration to the live transport; false when it needs a new connection. Agent thread. */
    private boolean reconfigure(String row, MqttTransport transport, Config next) {
        MqttSettings s;
        try {
            s = settings(next);
        } catch (RuntimeException ex) {
            LOG.debug("{}: the changed configuration needs a new transport: {}", row, ex.getMessage());
            return false;
        }
        return transport.reconfigure(s);
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
        String host = string(view, client + "BrokerAddress");
        if (host.isEmpty()) {
            return null;
        }
        MqttVersion version = version(string(view, client + "ProtocolVersion"));
        String transport = string(view, client + "TransportProtocol");
        boolean useTls = TLS.equals(transport);
        if (!transport.isEmpty() && !TCP.equals(transport) && !useTls) {
            throw new IllegalArgumentException("TransportProtocol " + transport + " is not supported");
        }
        if (useTls && tls == null) {
            throw new IllegalArgumentException("TransportProtocol is TLS but the agent was given no TLS settings"
                    + " (MqttClients.install(builder, tls))");
        }
        List<String> subscriptions = new ArrayList<>();
        List<Integer> subscriptionQos = new ArrayList<>();
        for (String s : rows(view, client + "Subscription.")) {
            String topic = string(view, s + "Topic");
            if ("true".equals(view.value(s + "Enable")) && !topic.isEmpty() && !subscriptions.contains(topic)) {
                subscriptions.add(topic);
                subscriptionQos.add((int) Math.min(2, number(view, s + "QoS", -1)));
            }
        }
        Map<String, String> controllers = new LinkedHashMap<>();
        java.util.Set<String> retainResponse = new java.util.HashSet<>();
        java.util.Set<String> retainNotify = new java.util.HashSet<>();
        for (String c : rows(view, CONTROLLERS)) {
            String id = string(view, c + "EndpointID");
            if (!"true".equals(view.value(c + "Enable")) || id.isEmpty()) {
                continue;
            }
            for (String cm : rows(view, c + "MTP.")) {
                String topic = string(view, cm + "MQTT.Topic");
                String via = rowPath(view.value(cm + "MQTT.AgentMTPReference"));
                if ("true".equals(view.value(cm + "Enable")) && "MQTT".equals(view.value(cm + "Protocol"))
                        && !topic.isEmpty() && (via.isEmpty() || via.equals(mtp))) {
                    if (controllers.putIfAbsent(id, topic) == null) {
                        if ("true".equals(view.value(cm + "MQTT.PublishRetainResponse"))) {
                            retainResponse.add(id);
                        }
                        if ("true".equals(view.value(cm + "MQTT.PublishRetainNotify"))) {
                            retainNotify.add(id);
                        }
                    }
                }
            }
        }
        String qos = string(view, mtp + "MQTT.PublishQoS");
        return new Config(mtp, host, (int) number(view, client + "BrokerPort", 1883), version, string(view, client + "ClientID"),
                string(view, client + "Username"), string(view, client + "Password"), number(view, client + "KeepAliveTime", 60),
                !"false".equals(view.value(client + (version == MqttVersion.V5 ? "CleanStart" : "CleanSession"))),
                string(view, mtp + "MQTT.ResponseTopicConfigured"), qos.isEmpty() ? 1 : Math.min(1, Integer.parseInt(qos)),
                List.copyOf(subscriptions), List.copyOf(subscriptionQos), number(view, client + "ConnectRetryTime", 5),
                (int) number(view, client + "ConnectRetryIntervalMultiplier", 2000),
                number(view, client + "ConnectRetryMaxInterval", 30720), Map.copyOf(controllers),
                java.util.Set.copyOf(retainResponse), java.util.Set.copyOf(retainNotify), useTls);
    }

    private MqttSettings settings(Config c) {
        MqttSettings.Builder b = MqttSettings.builder(rows.agent().endpointId(), c.host(), c.port())
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
        if (c.tls()) {
            b.tls(tls);
        }
        for (int i = 0; i < c.subscriptions().size(); i++) {
            int q = c.subscriptionQos().get(i);
            if (q < 0) {
                b.subscribe(c.subscriptions().get(i));
            } else {
                b.subscribe(c.subscriptions().get(i), q);
            }
        }
        c.controllers().forEach((id, topic) -> b.controller(id, topic, c.retainResponse().contains(id),
                c.retainNotify().contains(id)));
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
        LOG.info("{}: ForceReconnect()", clientRow);
        rows.stop(clientRow);
    }

    private String subscriptionStatus(ObjectInstance row) {
        MqttTransport t = rows.transport(row.parent().path());
        String topic = row.value("Topic");
        if (t == null || topic == null || !"true".equals(row.value("Enable"))) {
            return "Unsubscribed";
        }
        MqttTransport.Status s = t.status();
        if (s.state() != MqttTransport.State.CONNECTED) {
            return s.refused().contains(topic) ? "Error" : "Unsubscribed";
        }
        if (s.refused().contains(topic)) {
            return "Error";
        }
        // Connected but not yet in the SUBACK: a SUBSCRIBE sent on the live connection is on its way.
        return s.subscribed().contains(topic) ? "Subscribed" : "Subscribing";
    }

    private String clientStatus(ObjectInstance row) {
        if (!"true".equals(row.value("Enable"))) {
            return "Disabled";
        }
        MqttTransport t = rows.transport(row.path());
        if (t == null) {
            return "Error_Misconfigured";
        }
        MqttTransport.Status s = t.status();
        switch (s.state()) {
            case CONNECTED:
                return "Connected";
            case DISABLED:
                return "Error_Misconfigured";
            case CLOSED:
                return "Disabled";
            default:
                switch (s.failure()) {
                    case NONE:
                        return "Connecting";
                    case SUBSCRIPTION_REFUSED:
                        return "Error";
                    default:
                        return "Error_BrokerUnreachable";
                }
        }
    }

    /** The parameters of {@code Device.MQTT.Client.{i}.Stats.}. */
    private static final String[] STATS = {"BrokerConnectionEstablished", "LastPublishMessageSent",
        "LastPublishMessageReceived", "PublishSent", "PublishReceived", "SubscribeSent", "UnSubscribeSent",
        "MQTTMessagesSent", "MQTTMessagesReceived", "ConnectionErrors", "PublishErrors"};

    /** The Unknown Time of TR-106, for a time that has not happened. */
    private static final String UNKNOWN_TIME = "0001-01-01T00:00:00Z";

    private Map<String, Object> stats(ObjectInstance statsObject) {
        MqttTransport.Stats s = clientStats(statsObject.parent().path());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("BrokerConnectionEstablished", time(s.brokerConnectionEstablished()));
        out.put("LastPublishMessageSent", time(s.lastPublishMessageSent()));
        out.put("LastPublishMessageReceived", time(s.lastPublishMessageReceived()));
        out.put("PublishSent", s.publishSent());
        out.put("PublishReceived", s.publishReceived());
        out.put("SubscribeSent", s.subscribeSent());
        out.put("UnSubscribeSent", s.unsubscribeSent());
        out.put("MQTTMessagesSent", s.mqttMessagesSent());
        out.put("MQTTMessagesReceived", s.mqttMessagesReceived());
        // StatsCounter32: wraps at 2^32.
        out.put("ConnectionErrors", s.connectionErrors() & 0xFFFF_FFFFL);
        out.put("PublishErrors", s.publishErrors() & 0xFFFF_FFFFL);
        return out;
    }

    private static Object time(java.time.Instant t) {
        return t == null ? UNKNOWN_TIME : t;
    }

    /**
     * The statistics of a Client row ({@code Device.MQTT.Client.{i}.Stats.}): its running transport's, added
     * to those of its earlier transports to the same broker since it was last enabled; while none runs, those
     * of the last one; zero when it never ran.
     *
     * @param clientRow the row path ({@code Device.MQTT.Client.1.}, with or without the final dot)
     * @return the counters; never null
     */
    public MqttTransport.Stats clientStats(String clientRow) {
        String row = rowPath(clientRow);
        MqttTransport t = rows.transport(row);
        if (t != null) {
            return stats(row, t);
        }
        Carried c = carried.get(row);
        return c == null ? MqttTransport.Stats.ZERO : c.stats();
    }

    /** The Status of an enabled {@code LocalAgent.MTP.{i}.} row with Protocol MQTT: Up while connected. */
    private String mtpStatus(ObjectInstance row) {
        return byMtp(row.path()).map(s -> s.state() == MqttTransport.State.CONNECTED ? MtpProtocol.UP : MtpProtocol.DOWN)
                .orElse(MtpProtocol.DOWN);
    }

    private Optional<MqttTransport.Status> status(String clientRow) {
        MqttTransport t = rows.transport(clientRow);
        return t == null ? Optional.empty() : Optional.of(t.status());
    }

    private Optional<MqttTransport.Status> byMtp(String mtpRow) {
        for (TransportReconciler.Running<Config, MqttTransport> r : rows.running().values()) {
            if (r.config().mtpRow().equals(mtpRow)) {
                return Optional.of(r.transport().status());
            }
        }
        return Optional.empty();
    }
}
