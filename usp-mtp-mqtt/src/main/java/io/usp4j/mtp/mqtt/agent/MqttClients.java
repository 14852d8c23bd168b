package io.usp4j.mtp.mqtt.agent;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
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
 * mqtt.attach(agent); agent.start();}. {@link #install} binds the objects named above; a binding the
 * application made of the same objects is replaced.
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

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile UspAgent agent;
    private boolean pending;

    /**
     * One attached transport, what it was made from, and the statistics of the earlier transports of the same
     * row to the same broker (TR-181 resets Stats only on re-enable or a new broker).
     */
    private record Running(Config config, MqttTransport transport, MqttTransport.Stats before) {
        MqttTransport.Stats stats() {
            return before.plus(transport.stats());
        }
    }

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
    }

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
        builder.supportedProtocol("MQTT");
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
        for (Map.Entry<String, Running> e : new ArrayList<>(running.entrySet())) {
            Running r = e.getValue();
            Config next = wanted.get(e.getKey());
            if (r.config().equals(next)) {
                continue;
            }
            if (next != null && reconfigure(e.getKey(), r, next)) {
                continue;
            }
            LOG.info("{}: stopping its MQTT transport", e.getKey());
            stop(e.getKey(), r, next != null);
        }
        for (Map.Entry<String, Config> e : wanted.entrySet()) {
            if (running.containsKey(e.getKey())) {
                continue;
            }
            MqttTransport t;
            String row = e.getKey();
            AtomicReference<MqttTransport> self = new AtomicReference<>();
            try {
                t = new MqttTransport(settings(e.getValue()),
                        id -> onAgentThread(() -> clientIdAssigned(row, self.get(), id)));
                self.set(t);
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
            Carried c = carried.remove(e.getKey());
            MqttTransport.Stats before = c != null && c.carryOver() && c.host().equals(e.getValue().host())
                    && c.port() == e.getValue().port() ? c.stats() : MqttTransport.Stats.ZERO;
            running.put(e.getKey(), new Running(e.getValue(), t, before));
        }
    }

    /** Runs a task on the agent thread, unless the agent is closed. Any thread. */
    private void onAgentThread(Runnable task) {
        try {
            agent.execute(task);
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
        Running r = running.get(row);
        if (r == null || r.transport() != transport) {
            LOG.debug("{}: ClientId {} was assigned to a transport that no longer runs", row, id);
            return;
        }
        String path = row + "ClientID";
        String now = agent.dataModel().view().value(path);
        if (!r.config().clientId().isEmpty() || !(now == null || now.isEmpty())) {
            LOG.debug("{}: ClientID changed to '{}' meanwhile; the assigned {} is not saved", row, now, id);
            return;
        }
        Config withId = r.config().withClientId(id);
        running.put(row, new Running(withId, transport, r.before()));
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
            running.put(row, new Running(r.config(), transport, r.before()));
        } finally {
            if (tx != null && tx.isOpen()) {
                tx.rollback();
            }
        }
    }

    /** Hands a changed configuration to the live transport; false when it needs a new connection. Agent thread. */
    private boolean reconfigure(String row, Running r, Config next) {
        MqttSettings s;
        try {
            s = settings(next);
        } catch (RuntimeException ex) {
            return false;
        }
        if (!r.transport().reconfigure(s)) {
            return false;
        }
        LOG.info("{}: the MQTT transport takes the change without reconnecting", row);
        running.put(row, new Running(next, r.transport(), r.before()));
        return true;
    }

    /**
     * Detaches and closes a row's transport without waiting for the broker: the DISCONNECT happens on the
     * transport's closing thread, so the agent thread goes on at once. Agent thread.
     *
     * @param keepStats whether the row goes on (a new transport follows), so that its statistics carry over;
     *     otherwise they are only shown until the row runs again
     */
    private void stop(String row, Running r, boolean keepStats) {
        running.remove(row);
        r.transport().closeAsync().whenComplete((ok, failed) -> LOG.debug("{}: the old MQTT connection is closed", row));
        agent.removeTransport(r.transport());
        carried.put(row, new Carried(r.config().host(), r.config().port(), r.stats(), keepStats));
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
        String transport = str(view, client + "TransportProtocol");
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
            String topic = str(view, s + "Topic");
            if ("true".equals(view.value(s + "Enable")) && !topic.isEmpty() && !subscriptions.contains(topic)) {
                subscriptions.add(topic);
                subscriptionQos.add((int) Math.min(2, num(view, s + "QoS", -1)));
            }
        }
        Map<String, String> controllers = new LinkedHashMap<>();
        java.util.Set<String> retainResponse = new java.util.HashSet<>();
        java.util.Set<String> retainNotify = new java.util.HashSet<>();
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
        String qos = str(view, mtp + "MQTT.PublishQoS");
        return new Config(mtp, host, (int) num(view, client + "BrokerPort", 1883), version, str(view, client + "ClientID"),
                str(view, client + "Username"), str(view, client + "Password"), num(view, client + "KeepAliveTime", 60),
                !"false".equals(view.value(client + (version == MqttVersion.V5 ? "CleanStart" : "CleanSession"))),
                str(view, mtp + "MQTT.ResponseTopicConfigured"), qos.isEmpty() ? 1 : Math.min(1, Integer.parseInt(qos)),
                List.copyOf(subscriptions), List.copyOf(subscriptionQos), num(view, client + "ConnectRetryTime", 5),
                (int) num(view, client + "ConnectRetryIntervalMultiplier", 2000),
                num(view, client + "ConnectRetryMaxInterval", 30720), Map.copyOf(controllers),
                java.util.Set.copyOf(retainResponse), java.util.Set.copyOf(retainNotify), useTls);
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
        Running r = running.get(clientRow);
        if (r != null) {
            LOG.info("{}: ForceReconnect()", clientRow);
            stop(clientRow, r, true);
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
        Running r = running.get(row);
        if (r != null) {
            return r.stats();
        }
        Carried c = carried.get(row);
        return c == null ? MqttTransport.Stats.ZERO : c.stats();
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
