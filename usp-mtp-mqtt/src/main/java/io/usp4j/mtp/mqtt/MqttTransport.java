package io.usp4j.mtp.mqtt;

import io.usp4j.core.proto.record.MQTTConnectRecord;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.ProtocolVersion;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.core.transport.RetryInterval;
import io.usp4j.core.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT Message Transfer Protocol (TR-369 "MQTT Binding") for an Agent, over Eclipse Paho, in MQTT 5.0 or
 * 3.1.1 as {@link MqttSettings#version()} says.
 *
 * <p><b>Connecting.</b> {@link #start} connects in the background and keeps the connection up: CONNECT carries
 * the configured or kept ClientId, credentials, Keep Alive and Clean Start (R-MQTT.7–9, 11, 14) and, under 5.0,
 * Request Response Information and the {@code usp-endpoint-id} user property (R-MQTT.12, 13). A ClientId the
 * broker assigns is kept for later connects (R-MQTT.11) and reported to the {@code clientIdAssigned} listener
 * given to {@link #MqttTransport(MqttSettings, Consumer)}, so that the owner can save it as the configured
 * ClientId (R-MQTT.9) and make later transports with it. The agent's reply-to topic is the CONNACK Response
 * Information, else {@link MqttSettings#responseTopicConfigured()} (R-MQTT.21). SUBSCRIBE then carries the
 * configured filters, the CONNACK {@code subscribe-topic} user properties, and the reply-to topic when those do
 * not cover it (under 3.1.1 as {@code topic/#}, since 3.1.1 Records arrive on {@code topic/reply-to=...})
 * (R-MQTT.15). Nothing to subscribe to: the transport disconnects and stays disabled (R-MQTT.16). Every filter
 * refused in SUBACK: it logs an error, disconnects, and tries again later (R-MQTT.17). Nothing is published
 * before a SUBACK granted at least one filter. A failed connect or a lost connection is retried after the
 * {@link MqttSettings#connectRetryTime() ConnectRetry} wait, growing with each failure and reset by success
 * (R-MQTT.10, R-MQTT.33).
 *
 * <p><b>Records.</b> {@link #send} publishes to the destination's {@value #TOPIC} entry, or, when it has none,
 * to the Controller's configured topic ({@link MqttSettings#controllerTopics()}). Under 5.0 the PUBLISH carries
 * Content Type {@value #CONTENT_TYPE} and Response Topic = the reply-to topic (R-MQTT.23, 27); under 3.1.1 the
 * topic name gets {@code /reply-to=} and the reply-to topic with "/" as "%2F" (R-MQTT.24). Received Records go
 * to the receiver with a reply destination named by the Record's {@code from_id} and holding the Response Topic
 * (5.0, R-MQTT.26) or the {@code /reply-to=} suffix (3.1.1, R-MQTT.25) as {@value #TOPIC}. A Controller that
 * sends no reply-to (or, under 5.0, no Content Type) is tolerated and logged once: its destination then holds
 * {@value #NO_REPLY_TO} instead of {@value #TOPIC}, and sending to it uses its configured topic. While not
 * connected and subscribed, {@link #send} fails with {@link TransportException}.
 *
 * <p><b>Connect Records.</b> After every successful subscription the transport sends an {@code mqtt_connect}
 * Record (R-MTP.6, R-MTP.8) to each Controller it knows a topic for: the configured ones and those that have
 * sent it a Record with a reply-to, and only then reports each of them reachable through
 * {@link RecordReceiver#onConnectionChange}; it reports them unreachable when the connection is lost.
 *
 * <p><b>Changes on the live connection.</b> {@link #reconfigure} takes new settings that differ only in the
 * configured subscriptions (filters and QoS), the publish QoS, the Controller topics or the reconnect timing,
 * and applies them without reconnecting: UNSUBSCRIBE for filters no longer wanted (R-MQTT.34), SUBSCRIBE for new
 * ones and for a changed QoS; a filter refused in SUBACK is logged and shows in {@link Status#refused()}. Any
 * other change needs a new transport.
 *
 * <p><b>Statistics.</b> {@link #stats()} counts what {@code Device.MQTT.Client.{i}.Stats.} reports. The MQTT
 * message counts are of the control packets this transport causes or answers (CONNECT/CONNACK, SUBSCRIBE/SUBACK,
 * UNSUBSCRIBE/UNSUBACK, PUBLISH and its PUBACK, DISCONNECT): Paho does not expose its PINGREQ/PINGRESP traffic.
 *
 * <p>Thread-safe. Connecting, subscribing and reconnect timing run on one thread of the transport's own, and so
 * does the {@code clientIdAssigned} listener; inbound Records are handed over on Paho's callback thread.
 * {@link #closeAsync} disconnects on a thread of its own, so that the caller never waits for the broker.
 */
public final class MqttTransport implements MessageTransport {
    private static final Logger LOG = LoggerFactory.getLogger(MqttTransport.class);

    /** The destination key holding the topic to publish to. */
    public static final String TOPIC = "topic";
    /**
     * The destination key present instead of {@value #TOPIC} when a Controller sent no reply-to; its value is
     * the topic the Record arrived on.
     */
    public static final String NO_REPLY_TO = "mqtt-no-reply-to";
    /** The Content Type of an outgoing USP Record under 5.0 (R-MQTT.27). */
    public static final String CONTENT_TYPE = "usp.msg";
    /** The older Content Type still accepted (R-MQTT.27a). */
    public static final String LEGACY_CONTENT_TYPE = "application/vnd.bbf.usp.msg";
    /** {@code Header.MsgType.NOTIFY}. */
    private static final int MSG_NOTIFY = 3;
    /** {@code Header.MsgType.ERROR}. */
    private static final int MSG_ERROR = 0;
    /** The {@code Header.MsgType} numbers of the Responses: GET_RESP ... DEREGISTER_RESP. */
    private static final Set<Integer> RESPONSES = Set.of(2, 5, 7, 9, 11, 13, 15, 16, 18, 20, 22);

    /** Where the connection stands. */
    public enum State {
        /** Not started yet. */
        NEW,
        /** Connecting, subscribing, or waiting to retry. */
        CONNECTING,
        /** Connected and subscribed: Records can be sent. */
        CONNECTED,
        /** Nothing to subscribe to (R-MQTT.16): the transport gave up until it is restarted. */
        DISABLED,
        /** Closed. */
        CLOSED
    }

    /** What went wrong last. */
    public enum Failure {
        /** Nothing yet. */
        NONE,
        /** The broker could not be reached, refused the connection, or dropped it. */
        UNREACHABLE,
        /** The TLS handshake failed (for instance the broker's certificate is not trusted). */
        TLS,
        /** The broker refused every subscription (R-MQTT.17). */
        SUBSCRIPTION_REFUSED,
        /** There was nothing to subscribe to (R-MQTT.16). */
        NOTHING_TO_SUBSCRIBE
    }

    /**
     * The counters of {@code Device.MQTT.Client.{i}.Stats.}; a time is null until the event first happens.
     *
     * @param brokerConnectionEstablished when the current or last connection was made
     * @param lastPublishMessageSent when the last PUBLISH was sent
     * @param lastPublishMessageReceived when the last PUBLISH arrived
     * @param publishSent PUBLISH packets sent
     * @param publishReceived PUBLISH packets received
     * @param subscribeSent SUBSCRIBE packets sent
     * @param unsubscribeSent UNSUBSCRIBE packets sent
     * @param mqttMessagesSent MQTT control packets sent (see the class comment for which are counted)
     * @param mqttMessagesReceived MQTT control packets received (likewise)
     * @param connectionErrors failed connection attempts and lost connections
     * @param publishErrors PUBLISH packets that failed (not written, or not acknowledged at QoS 1)
     */
    public record Stats(Instant brokerConnectionEstablished, Instant lastPublishMessageSent,
            Instant lastPublishMessageReceived, long publishSent, long publishReceived, long subscribeSent,
            long unsubscribeSent, long mqttMessagesSent, long mqttMessagesReceived, long connectionErrors,
            long publishErrors) {
        /** Nothing counted yet. */
        public static final Stats ZERO = new Stats(null, null, null, 0, 0, 0, 0, 0, 0, 0, 0);

        /**
         * These counts followed by a later transport's to the same broker: counts add up, the times are the
         * later ones where it has them.
         */
        public Stats plus(Stats later) {
            return new Stats(later(brokerConnectionEstablished, later.brokerConnectionEstablished),
                    later(lastPublishMessageSent, later.lastPublishMessageSent),
                    later(lastPublishMessageReceived, later.lastPublishMessageReceived),
                    publishSent + later.publishSent, publishReceived + later.publishReceived,
                    subscribeSent + later.subscribeSent, unsubscribeSent + later.unsubscribeSent,
                    mqttMessagesSent + later.mqttMessagesSent, mqttMessagesReceived + later.mqttMessagesReceived,
                    connectionErrors + later.connectionErrors, publishErrors + later.publishErrors);
        }

        private static Instant later(Instant a, Instant b) {
            return b == null ? a : b;
        }
    }

    /**
     * A snapshot of the connection.
     *
     * @param state where it stands
     * @param clientId the ClientId used, or to be used, with this broker (empty until one is known under 5.0
     *     with none configured)
     * @param replyTopic the agent's reply-to topic of the current or last connection; empty when none
     * @param responseTopicDiscovered the topic the broker gave in CONNACK Response Information; empty when none
     * @param subscribed the filters the broker granted at the last SUBSCRIBE
     * @param refused the filters it refused
     * @param lastError what went wrong last; empty when nothing has
     * @param connects successful connections so far
     * @param failures failed connection attempts (refused, unreachable, no subscription) and lost connections so far
     * @param failure the kind of the last failure; {@link Failure#NONE} when nothing has failed
     */
    public record Status(State state, String clientId, String replyTopic, String responseTopicDiscovered,
            List<String> subscribed, List<String> refused, String lastError, long connects, long failures,
            Failure failure) {
        public Status {
            subscribed = List.copyOf(subscribed);
            refused = List.copyOf(refused);
        }
    }

    /** Makes one connection attempt's client. */
    @FunctionalInterface
    interface AdapterFactory {
        MqttClientAdapter create(MqttSettings settings, String clientId, MqttClientAdapter.Events events) throws Exception;
    }

    private volatile MqttSettings settings;
    private final Consumer<String> clientIdAssigned;
    private final AdapterFactory factory;
    private final RandomGenerator random;
    private final ScheduledExecutorService worker;
    private final Map<String, String> peerTopics = new ConcurrentHashMap<>();
    private final Set<String> tolerated = ConcurrentHashMap.newKeySet();
    /** Peers with an MQTT version mismatch (R-MQTT.26a). */
    private final Set<String> mismatched = ConcurrentHashMap.newKeySet();
    private static final int MAX_TOLERATED = 1024;

    private volatile RecordReceiver receiver;
    private volatile MqttClientAdapter active;
    private volatile MqttClientAdapter attempting;
    private volatile State state = State.NEW;
    private volatile String clientId;
    private volatile String replyTopic = "";
    private volatile String discovered = "";
    private volatile int qos;
    private volatile List<String> subscribed = List.of();
    private volatile List<String> refused = List.of();
    private volatile String lastError = "";
    private volatile long connects;
    private volatile long failures;
    private volatile Failure failure = Failure.NONE;
    private volatile boolean retainAvailable = true;
    private CompletableFuture<Void> closing;

    private volatile Instant established;
    private volatile Instant lastSent;
    private volatile Instant lastReceived;
    private final LongAdder publishSent = new LongAdder();
    private final LongAdder publishReceived = new LongAdder();
    private final LongAdder subscribeSent = new LongAdder();
    private final LongAdder unsubscribeSent = new LongAdder();
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder publishErrors = new LongAdder();

    /** Worker thread only. */
    private int retry;
    private long generation;
    /** Worker thread only: the CONNACK of the live connection. */
    private MqttClientAdapter.ConnectResult connack;
    /** Worker thread only: each filter of the live connection's SUBSCRIBEs, with the QoS asked for. */
    private final Map<String, Integer> requested = new LinkedHashMap<>();
    /** Worker thread only: the configured Controller topics announced on the live connection. */
    private Map<String, String> announced = Map.of();
    /** Worker thread only: whether each of {@link #requested} was granted. */
    private final Map<String, Boolean> granted = new LinkedHashMap<>();

    /**
     * Creates the transport; nothing connects before {@link #start}.
     *
     * @param settings where and how to connect
     */
    public MqttTransport(MqttSettings settings) {
        this(settings, id -> { });
    }

    /**
     * Creates the transport with a listener for the ClientId a broker assigns; nothing connects before
     * {@link #start}.
     *
     * <p>Under MQTT 5.0 with no ClientId configured, CONNECT carries an empty one and the broker names one in
     * CONNACK (Assigned Client Identifier). The transport uses it for every later connect of its own
     * (R-MQTT.11) and hands it to {@code clientIdAssigned} once, so that the owner can save it as the configured
     * ClientId for later transports and restarts (R-MQTT.9: {@code Device.MQTT.Client.{i}.ClientID}). A
     * transport made with that ClientId, or a {@link #reconfigure} to settings naming it, keeps the connection.
     * The listener runs on the transport's connecting thread, after CONNACK and before SUBSCRIBE: it must not
     * block (hand the work to another thread). An exception it throws is logged and otherwise ignored.
     *
     * @param settings where and how to connect
     * @param clientIdAssigned told the ClientId the broker assigned (never empty)
     * @throws NullPointerException when an argument is null
     */
    public MqttTransport(MqttSettings settings, Consumer<String> clientIdAssigned) {
        this(settings, clientIdAssigned, MqttTransport::paho, RandomGenerator.getDefault());
    }

    MqttTransport(MqttSettings settings, AdapterFactory factory, RandomGenerator random) {
        this(settings, id -> { }, factory, random);
    }

    MqttTransport(MqttSettings settings, Consumer<String> clientIdAssigned, AdapterFactory factory,
            RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clientIdAssigned = Objects.requireNonNull(clientIdAssigned, "clientIdAssigned");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.random = Objects.requireNonNull(random, "random");
        this.clientId = settings.clientId().isEmpty() && settings.version() == MqttVersion.V3_1_1
                ? settings.endpointId() : settings.clientId();
        this.qos = settings.publishQos();
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "usp4j-mqtt-" + settings.host() + ":" + settings.port());
            t.setDaemon(true);
            return t;
        });
        // A retry waiting its turn must not hold up close(): shutdown() drops it.
        w.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = w;
    }

    private static MqttClientAdapter paho(MqttSettings s, String clientId, MqttClientAdapter.Events events) throws Exception {
        return s.version() == MqttVersion.V5 ? new PahoV5Adapter(s, clientId, events) : new PahoV3Adapter(s, clientId, events);
    }

    @Override
    public String protocol() {
        return "MQTT";
    }

    /** The settings this transport was made with. */
    public MqttSettings settings() {
        return settings;
    }

    /** Where the connection stands now. Any thread. */
    public Status status() {
        return new Status(state, clientId, replyTopic, discovered, subscribed, refused, lastError, connects, failures,
                failure);
    }

    /** The statistics of this transport, from its start. Any thread. */
    public Stats stats() {
        return new Stats(established, lastSent, lastReceived, publishSent.sum(), publishReceived.sum(),
                subscribeSent.sum(), unsubscribeSent.sum(), packetsSent.sum(), packetsReceived.sum(),
                connectionErrors.sum(), publishErrors.sum());
    }

    /**
     * Takes new settings without reconnecting when they differ from the current ones only in what can change
     * on a live connection: the configured subscriptions and their QoS, the publish QoS, the Controller topics
     * and the reconnect timing. While connected, filters no longer wanted are unsubscribed and new ones (or ones
     * with a new QoS) subscribed, in the background; Controllers new to the transport get an {@code mqtt_connect}
     * Record and are reported reachable. While not connected, the next connection uses them.
     *
     * @param next the new settings
     * <p>A ClientId the broker assigned counts as the one in use: settings that name it where the current ones
     * have none (the owner saved it, R-MQTT.9) are taken without reconnecting.
     *
     * @return true when taken; false when they need a new connection (another broker, version, ClientId,
     *     credentials, Keep Alive, Clean Start, reply-to topic, TLS...), or the transport is closed or disabled
     *     (R-MQTT.16: a new transport is what tries again), and nothing changed
     * @throws NullPointerException when {@code next} is null
     */
    public boolean reconfigure(MqttSettings next) {
        Objects.requireNonNull(next, "next");
        synchronized (this) {
            if (state == State.CLOSED || state == State.DISABLED || !sameConnection(next)) {
                return false;
            }
            settings = next;
        }
        onWorker(this::applyLive);
        return true;
    }

    /** Whether {@code next} keeps this connection, counting a ClientId the broker assigned as the one in use. */
    private boolean sameConnection(MqttSettings next) {
        MqttSettings now = settings;
        if (now.sameConnection(next)) {
            return true;
        }
        String inUse = clientId;
        return !next.clientId().isEmpty() && next.clientId().equals(inUse) && !now.clientId().equals(inUse)
                && now.toBuilder().clientId(inUse).build().sameConnection(next);
    }

    /** True while connected and subscribed, so that {@link #send} can publish. */
    public boolean isConnected() {
        return state == State.CONNECTED && active != null;
    }

    /**
     * Starts connecting in the background.
     *
     * @throws IllegalStateException when already started or closed
     */
    @Override
    public synchronized void start(RecordReceiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        if (this.receiver != null || state == State.CLOSED) {
            throw new IllegalStateException("already started or closed");
        }
        this.receiver = receiver;
        state = State.CONNECTING;
        onWorker(this::attempt);
    }

    @Override
    public CompletionStage<Void> send(Destination destination, byte[] record) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(record, "record");
        MqttClientAdapter a = active;
        if (a == null || state != State.CONNECTED) {
            return CompletableFuture.failedFuture(new TransportException(
                    "not connected to the MQTT broker " + settings.host() + ":" + settings.port()));
        }
        if (mismatched.contains(destination.endpointId())) {
            return CompletableFuture.failedFuture(new TransportException("MQTT version mismatch with '"
                    + destination.endpointId() + "': nothing is sent to it until it announces MQTT "
                    + settings.version().label() + " (R-MQTT.26a)"));
        }
        String topic = destination.get(TOPIC);
        if (topic == null || topic.isEmpty()) {
            topic = settings.controllerTopics().get(destination.endpointId());
        }
        if (topic == null || topic.isEmpty()) {
            return CompletableFuture.failedFuture(new TransportException("no MQTT topic known for '"
                    + destination.endpointId() + "': it sent no reply-to and has no configured topic"));
        }
        return publish(a, destination.endpointId(), topic, record);
    }

    private CompletionStage<Void> publish(MqttClientAdapter a, String to, String topic, byte[] record) {
        String reply = replyTopic;
        int q = qos;
        boolean retain = retain(settings, to, record);
        CompletableFuture<Void> sent = settings.version() == MqttVersion.V5
                ? a.publish(topic, record, q, retain, reply, CONTENT_TYPE)
                : a.publish(MqttTopics.withReplyTo(topic, reply), record, q, retain, null, null);
        return sent.handle((ok, failed) -> {
            if (failed != null) {
                publishErrors.increment();
                throw failed instanceof TransportException te ? te
                        : new TransportException("MQTT publish to " + topic + " failed: " + failed, failed);
            }
            publishSent.increment();
            packetsSent.increment();
            if (q > 0) {
                packetsReceived.increment(); // PUBACK
            }
            lastSent = Instant.now();
            return null;
        });
    }

    /**
     * The RETAIN flag of a Record to a Controller: its PublishRetainResponse for a Response or an Error, its
     * PublishRetainNotify for a Notify, and never when a 5.0 broker said Retain Available = 0.
     */
    private boolean retain(MqttSettings s, String to, byte[] record) {
        boolean response = s.retainResponse().contains(to);
        boolean notify = s.retainNotify().contains(to);
        if (!(response || notify) || !retainAvailable) {
            return false;
        }
        int type = RecordPeek.msgType(record);
        if (type == MSG_NOTIFY) {
            return notify;
        }
        return response && (type == MSG_ERROR || RESPONSES.contains(type));
    }

    /**
     * Sends an {@code mqtt_connect} Record announcing the agent's MQTT version and reply-to topic (R-MTP.6). The
     * transport does this by itself after each connect for every Controller it knows; this is for a Controller
     * it learns of later.
     *
     * @param controllerEndpointId the Controller's Endpoint ID ({@code to_id})
     * @param topic the Controller's topic
     * @return as {@link #send}
     */
    public CompletionStage<Void> sendConnectRecord(String controllerEndpointId, String topic) {
        return send(new Destination(controllerEndpointId, Map.of(TOPIC, topic)), connectRecord(controllerEndpointId));
    }

    /** The encoded {@code mqtt_connect} Record for a Controller, with the current reply-to topic. */
    byte[] connectRecord(String controllerEndpointId) {
        return RecordCodec.encode(Record.newBuilder()
                .setVersion(ProtocolVersion.CURRENT.toString())
                .setToId(controllerEndpointId)
                .setFromId(settings.endpointId())
                .setMqttConnect(MQTTConnectRecord.newBuilder()
                        .setVersion(settings.version() == MqttVersion.V5 ? MQTTConnectRecord.MQTTVersion.V5
                                : MQTTConnectRecord.MQTTVersion.V3_1_1)
                        .setSubscribedTopic(replyTopic))
                .build());
    }

    /**
     * Disconnects (sending DISCONNECT, R-MQTT.35) and stops reconnecting, waiting at most about ten seconds
     * for the broker. Closing again, or after {@link #closeAsync}, returns at once: so an owner can start the
     * disconnect with {@link #closeAsync} and then hand the transport to code that calls {@code close()}
     * without that code waiting.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing != null) {
                return;
            }
        }
        CompletableFuture<Void> done = closeAsync();
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("{}: closing took too long or failed: {}", settings, e.toString());
        }
    }

    /**
     * Stops the transport at once and disconnects from the broker in the background (sending DISCONNECT,
     * R-MQTT.35): from the return on, nothing is sent or delivered and no reconnect happens.
     *
     * @return completes when the connection is down and the transport's thread has ended; the same future on
     *     every call
     */
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> done;
        synchronized (this) {
            if (closing != null) {
                return closing;
            }
            closing = done = new CompletableFuture<>();
            state = State.CLOSED;
        }
        Thread t = new Thread(() -> {
            try {
                shutdown();
            } finally {
                done.complete(null);
            }
        }, "usp4j-mqtt-close-" + settings.host() + ":" + settings.port());
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** The closing thread. */
    private void shutdown() {
        MqttClientAdapter a = attempting;
        if (a != null) {
            a.close();
        }
        try {
            worker.execute(this::drop);
        } catch (RejectedExecutionException e) {
            drop();
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void drop() {
        MqttClientAdapter a = active;
        active = null;
        generation++;
        if (a != null) {
            packetsSent.increment(); // DISCONNECT
            a.close();
        }
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("MQTT transport closed; a task is dropped");
        }
    }

    /** One connect-and-subscribe attempt. Worker thread. */
    private void attempt() {
        if (state == State.CLOSED) {
            return;
        }
        long gen = ++generation;
        MqttSettings s = settings;
        MqttClientAdapter a = null;
        try {
            a = factory.create(s, clientId, events(gen));
            attempting = a;
            if (state == State.CLOSED) {
                a.close();
                return;
            }
            MqttClientAdapter.ConnectResult r = a.connect();
            packetsSent.increment(); // CONNECT
            packetsReceived.increment(); // CONNACK
            established = Instant.now();
            String assigned = r.assignedClientId();
            if (assigned != null && !assigned.isEmpty() && !assigned.equals(clientId)) {
                // R-MQTT.11: keep it for every later connect to this broker; R-MQTT.9: the owner saves it.
                LOG.info("{}: the broker assigned ClientId {}", s, assigned);
                clientId = assigned;
                try {
                    clientIdAssigned.accept(assigned);
                } catch (RuntimeException e) {
                    LOG.warn("{}: the listener of the assigned ClientId {} failed", s, assigned, e);
                }
            }
            String info = r.responseInformation() == null ? "" : r.responseInformation();
            discovered = info;
            String reply = info.isEmpty() ? s.responseTopicConfigured() : info;
            connack = r;
            requested.clear();
            granted.clear();
            Map<String, Integer> filters = filters(s, r);
            if (filters.isEmpty()) {
                nothingToSubscribe(s, a);
                return;
            }
            subscribe(s, a, filters);
            List<String> ok = subscribed;
            if (ok.isEmpty()) {
                throw new SubscriptionRefused("the broker refused every subscription: " + refused);
            }
            if (reply.isEmpty()) {
                LOG.warn("{}: no reply-to topic (no Response Information, none configured): Records cannot be sent (R-MQTT.22)",
                        s);
            } else if (!MqttTopics.covered(ok, s.version() == MqttVersion.V5 ? reply
                    : MqttTopics.withReplyTo(reply, "x"))) {
                LOG.warn("{}: the reply-to topic {} is not covered by a granted subscription {}", s, reply, ok);
            }
            replyTopic = reply;
            qos = Math.min(s.publishQos(), r.maximumQos());
            retainAvailable = r.retainAvailable();
            attempting = null;
            synchronized (this) {
                if (state == State.CLOSED) {
                    a.close();
                    return;
                }
                active = a;
                state = State.CONNECTED;
            }
            retry = 0;
            connects++;
            LOG.info("{}: connected as {}, subscribed to {}, reply-to {}", s, clientId, ok, reply);
            announced = s.controllerTopics();
            Map<String, String> known = new LinkedHashMap<>(s.controllerTopics());
            known.putAll(peerTopics);
            announce(a, known);
        } catch (Exception e) {
            attempting = null;
            if (a != null) {
                a.close();
            }
            if (state == State.CLOSED) {
                return;
            }
            failures++;
            connectionErrors.increment();
            lastError = describe(e);
            if (e instanceof SubscriptionRefused) {
                // R-MQTT.17: publish nothing; the connection is dropped and the whole connect tried again.
                failure = Failure.SUBSCRIPTION_REFUSED;
                LOG.error("{}: {}; disconnected, nothing is published until a subscription succeeds", s, lastError);
            } else {
                failure = isTls(e) ? Failure.TLS : Failure.UNREACHABLE;
            }
            scheduleRetry("connect failed: " + lastError);
        }
    }

    /** The message of a failure and of its root cause, which Paho's own messages leave out. */
    static String describe(Throwable e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? text : text + " (" + root + ")";
    }

    private static boolean isTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    /** R-MQTT.16: nothing to subscribe to, so DISCONNECT and stay disabled. Worker thread. */
    private void nothingToSubscribe(MqttSettings s, MqttClientAdapter a) {
        lastError = "nothing to subscribe to: no configured topic filter, subscribe-topic or reply-to topic";
        failure = Failure.NOTHING_TO_SUBSCRIBE;
        LOG.error("{}: {}; the MQTT transport is disabled (R-MQTT.16)", s, lastError);
        boolean wasLive = active == a;
        if (wasLive) {
            active = null;
            generation++;
            RecordReceiver r = receiver;
            knownControllers().forEach((id, topic) -> r.onConnectionChange(new Destination(id, Map.of(TOPIC, topic)), false));
        }
        packetsSent.increment(); // DISCONNECT
        a.close();
        attempting = null;
        synchronized (this) {
            if (state != State.CLOSED) {
                state = State.DISABLED;
            }
        }
    }

    /**
     * Sends one SUBSCRIBE for these filters and records the outcome in {@link #requested}, {@link #granted},
     * {@link #subscribed} and {@link #refused}. Worker thread.
     */
    private void subscribe(MqttSettings s, MqttClientAdapter a, Map<String, Integer> filters) throws Exception {
        List<String> names = List.copyOf(filters.keySet());
        List<Integer> qoss = List.copyOf(filters.values());
        subscribeSent.increment();
        packetsSent.increment();
        List<Boolean> answer = a.subscribe(names, qoss);
        packetsReceived.increment(); // SUBACK
        List<String> no = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            boolean yes = i < answer.size() && answer.get(i);
            requested.put(names.get(i), qoss.get(i));
            granted.put(names.get(i), yes);
            if (!yes) {
                no.add(names.get(i));
            }
        }
        publishSubscriptions();
        if (!no.isEmpty()) {
            lastError = "the broker refused the subscription to " + no;
            LOG.error("{}: {}", s, lastError);
        }
    }

    /** Worker thread. */
    private void publishSubscriptions() {
        List<String> ok = new ArrayList<>();
        List<String> no = new ArrayList<>();
        granted.forEach((f, yes) -> (yes ? ok : no).add(f));
        subscribed = List.copyOf(ok);
        refused = List.copyOf(no);
    }

    /** Applies settings {@link #reconfigure} took to the live connection. Worker thread. */
    private void applyLive() {
        MqttSettings s = settings;
        MqttClientAdapter a = active;
        if (state != State.CONNECTED || a == null || connack == null) {
            return; // the next connection uses them
        }
        qos = Math.min(s.publishQos(), connack.maximumQos());
        Map<String, Integer> wanted = filters(s, connack);
        if (wanted.isEmpty()) {
            nothingToSubscribe(s, a);
            return;
        }
        List<String> gone = new ArrayList<>();
        for (String f : requested.keySet()) {
            if (!wanted.containsKey(f)) {
                gone.add(f);
            }
        }
        Map<String, Integer> added = new LinkedHashMap<>();
        wanted.forEach((f, q) -> {
            if (!q.equals(requested.get(f))) {
                added.put(f, q);
            }
        });
        try {
            List<String> unsubscribe = new ArrayList<>();
            for (String f : gone) {
                if (Boolean.TRUE.equals(granted.get(f))) {
                    unsubscribe.add(f);
                }
                requested.remove(f);
                granted.remove(f);
            }
            if (!unsubscribe.isEmpty()) {
                // R-MQTT.34: a filter no longer wanted is unsubscribed while the connection stays up.
                unsubscribeSent.increment();
                packetsSent.increment();
                a.unsubscribe(unsubscribe);
                packetsReceived.increment(); // UNSUBACK
                LOG.info("{}: unsubscribed from {}", s, unsubscribe);
            }
            if (!added.isEmpty()) {
                subscribe(s, a, added);
                LOG.info("{}: subscribed to {} (QoS {})", s, added.keySet(), added.values());
            }
            publishSubscriptions();
        } catch (Exception e) {
            // The connection is most likely going; its loss is reported and retried through the callback.
            publishSubscriptions();
            lastError = "changing the subscriptions failed: " + e;
            LOG.warn("{}: {}", s, lastError);
            return;
        }
        if (subscribed.isEmpty()) {
            // R-MQTT.17 on the live connection: nothing granted any more, so disconnect and try again later.
            lostNow(a, Failure.SUBSCRIPTION_REFUSED, "the broker refused every subscription: " + refused);
            return;
        }
        // Controllers configured since the last announcement get their mqtt_connect; dropped ones go down.
        Map<String, String> now = s.controllerTopics();
        Map<String, String> old = announced;
        announced = now;
        Map<String, String> fresh = new LinkedHashMap<>();
        now.forEach((id, topic) -> {
            if (!topic.equals(old.get(id)) && !topic.equals(peerTopics.get(id))) {
                fresh.put(id, topic);
            }
        });
        RecordReceiver r = receiver;
        old.forEach((id, topic) -> {
            if (!topic.equals(now.get(id)) && !topic.equals(peerTopics.get(id))) {
                r.onConnectionChange(new Destination(id, Map.of(TOPIC, topic)), false);
            }
        });
        announce(a, fresh);
    }

    /** Every Controller with a topic: the configured ones and those that sent a reply-to. */
    private Map<String, String> knownControllers() {
        Map<String, String> known = new LinkedHashMap<>(settings.controllerTopics());
        known.putAll(peerTopics);
        return known;
    }

    /** SUBACK refused every filter. */
    private static final class SubscriptionRefused extends Exception {
        private static final long serialVersionUID = 1L;

        SubscriptionRefused(String message) {
            super(message);
        }
    }

    /** The SUBSCRIBE set of R-MQTT.15, each filter with the QoS to ask for. */
    private static Map<String, Integer> filters(MqttSettings s, MqttClientAdapter.ConnectResult r) {
        String responseInformation = r.responseInformation() == null ? "" : r.responseInformation();
        int max = r.maximumQos();
        Map<String, Integer> filters = new LinkedHashMap<>();
        for (String f : s.subscriptions()) {
            filters.put(f, Math.min(max, s.subscriptionQos(f)));
        }
        int q = Math.min(max, s.publishQos());
        for (String f : r.subscribeTopics()) {
            filters.putIfAbsent(f, q);
        }
        if (!responseInformation.isEmpty()) {
            if (!MqttTopics.covered(filters.keySet(), responseInformation)) {
                filters.put(responseInformation, q);
            }
        } else if (!s.responseTopicConfigured().isEmpty()) {
            String configured = s.responseTopicConfigured();
            if (s.version() == MqttVersion.V5) {
                if (!MqttTopics.covered(filters.keySet(), configured)) {
                    filters.put(configured, q);
                }
            } else if (!MqttTopics.covered(filters.keySet(), MqttTopics.withReplyTo(configured, "x"))) {
                filters.put(configured + "/#", q);
            }
        }
        return filters;
    }

    /** After a successful subscription: mqtt_connect to each of these Controllers, then report it reachable. */
    private void announce(MqttClientAdapter a, Map<String, String> controllers) {
        RecordReceiver r = receiver;
        MqttSettings s = settings;
        for (Map.Entry<String, String> c : controllers.entrySet()) {
            if (mismatched.contains(c.getKey())) {
                continue;
            }
            if (s.connectRecords() && !replyTopic.isEmpty()) {
                publish(a, c.getKey(), c.getValue(), connectRecord(c.getKey())).whenComplete((ok, failed) -> {
                    if (failed != null) {
                        LOG.warn("{}: could not send mqtt_connect to {}: {}", s, c.getKey(), failed.toString());
                    }
                });
            }
            r.onConnectionChange(new Destination(c.getKey(), Map.of(TOPIC, c.getValue())), true);
        }
    }

    private void scheduleRetry(String why) {
        retry++;
        Duration wait = RetryInterval.of(settings.connectRetryTime(), settings.connectRetryIntervalMultiplier(),
                settings.connectRetryMaxInterval()).wait(retry, random);
        LOG.warn("{}: {}; retry {} in {} ms", settings, why, retry, wait.toMillis());
        state = State.CONNECTING;
        try {
            worker.schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("MQTT transport closed; no retry");
        }
    }

    private MqttClientAdapter.Events events(long gen) {
        return new MqttClientAdapter.Events() {
            @Override
            public void message(MqttClientAdapter.Inbound message) {
                deliver(message);
            }

            @Override
            public void lost(Throwable cause) {
                onWorker(() -> connectionLost(gen, cause));
            }
        };
    }

    /** Worker thread. */
    private void connectionLost(long gen, Throwable cause) {
        if (gen != generation || state == State.CLOSED) {
            return;
        }
        lostNow(active, isTls(cause) ? Failure.TLS : Failure.UNREACHABLE, "connection lost: " + describe(cause));
    }

    /** Drops the live connection, reports the Controllers unreachable and schedules a reconnect. Worker thread. */
    private void lostNow(MqttClientAdapter a, Failure kind, String why) {
        active = null;
        generation++;
        if (a != null) {
            a.close();
        }
        failures++;
        connectionErrors.increment();
        failure = kind;
        lastError = why;
        if (kind == Failure.SUBSCRIPTION_REFUSED) {
            LOG.error("{}: {}; disconnected, nothing is published until a subscription succeeds", settings, why);
        }
        RecordReceiver r = receiver;
        knownControllers().forEach((id, topic) -> r.onConnectionChange(new Destination(id, Map.of(TOPIC, topic)), false));
        scheduleRetry(why);
    }

    /** A PUBLISH arrived. Paho's callback thread. */
    private void deliver(MqttClientAdapter.Inbound in) {
        RecordReceiver r = receiver;
        if (r == null || state == State.CLOSED) {
            return;
        }
        publishReceived.increment();
        packetsReceived.increment();
        if (in.qos() > 0) {
            packetsSent.increment(); // PUBACK (or PUBREC)
        }
        lastReceived = Instant.now();
        MqttSettings settings = this.settings;
        RecordPeek.Peek peek = RecordPeek.peek(in.payload());
        String from = peek.fromId();
        if (peek.mqttConnect() && !versionCheck(settings, peek, in)) {
            return;
        }
        if (!from.isEmpty() && mismatched.contains(from)) {
            LOG.debug("{}: dropping a Record from {}: MQTT version mismatch (R-MQTT.26a)", settings, from);
            return;
        }
        String reply;
        if (settings.version() == MqttVersion.V5) {
            String type = in.contentType();
            if (type != null && !type.equals(CONTENT_TYPE) && !type.equals(LEGACY_CONTENT_TYPE)) {
                LOG.warn("{}: ignoring a PUBLISH on {} with Content Type '{}': not a USP Record", settings, in.topic(), type);
                return;
            }
            if (type == null) {
                tolerate(from, "sends USP Records without a Content Type");
            }
            reply = in.responseTopic();
        } else {
            reply = MqttTopics.replyTo(in.topic());
        }
        Destination dest;
        if (reply == null || reply.isEmpty()) {
            tolerate(from, "sends USP Records without a reply-to topic; answers go to its configured topic");
            dest = new Destination(from, Map.of(NO_REPLY_TO, in.topic()));
        } else {
            dest = new Destination(from, Map.of(TOPIC, reply));
            if (!from.isEmpty() && (peerTopics.size() < MAX_TOLERATED || peerTopics.containsKey(from))) {
                peerTopics.put(from, reply);
            }
        }
        r.onRecord(new InboundRecord(in.payload(), this, dest, null));
    }

    /**
     * R-MQTT.26a: an {@code mqtt_connect} Record naming another MQTT version than ours, from a sender whose
     * reply-to topic is known, means brokers of different versions sit between us: communication with it stops
     * (its Records are dropped, nothing is sent to it) until it sends an {@code mqtt_connect} naming our version.
     * No Error Record goes back: an mqtt_connect Record carries no request to answer (R-MTP.5).
     *
     * @return whether the Record goes on to the receiver
     */
    private boolean versionCheck(MqttSettings settings, RecordPeek.Peek peek, MqttClientAdapter.Inbound in) {
        String from = peek.fromId();
        int ours = settings.version() == MqttVersion.V5 ? 1 : 0;
        if (peek.mqttVersion() == ours) {
            if (mismatched.remove(from)) {
                LOG.info("{}: {} now announces MQTT {}: the version mismatch is over", settings, from,
                        settings.version().label());
            }
            return true;
        }
        String replyTo = settings.version() == MqttVersion.V5 ? in.responseTopic() : MqttTopics.replyTo(in.topic());
        boolean known = !peek.subscribedTopic().isEmpty() || (replyTo != null && !replyTo.isEmpty())
                || settings.controllerTopics().containsKey(from);
        String theirs = peek.mqttVersion() == 1 ? MqttVersion.V5.label() : MqttVersion.V3_1_1.label();
        if (from.isEmpty() || !known) {
            LOG.warn("{}: an mqtt_connect Record from '{}' names MQTT {}, not {}; its reply-to topic is unknown",
                    settings, from, theirs, settings.version().label());
            return false;
        }
        if ((mismatched.size() < MAX_TOLERATED || mismatched.contains(from)) && mismatched.add(from)) {
            LOG.error("{}: MQTT version mismatch: {} uses MQTT {}, this agent {}; communication with it stops until"
                    + " it announces {} (R-MQTT.26a)", settings, from, theirs, settings.version().label(),
                    settings.version().label());
        }
        return false;
    }

    /**
     * The Endpoint IDs this transport stopped talking to because their {@code mqtt_connect} Record named another
     * MQTT version (R-MQTT.26a); each leaves the set when it announces this transport's version. Any thread.
     */
    public Set<String> versionMismatches() {
        return Set.copyOf(mismatched);
    }

    private void tolerate(String from, String what) {
        // Bounded, so that a stream of made-up Endpoint IDs cannot grow it without end.
        if (tolerated.size() < MAX_TOLERATED && tolerated.add(from + '\u0000' + what)) {
            LOG.warn("{}: Controller '{}' {} (tolerated; logged once)", settings, from, what);
        }
    }

    @Override
    public String toString() {
        return settings + " (" + state + ")";
    }
}
