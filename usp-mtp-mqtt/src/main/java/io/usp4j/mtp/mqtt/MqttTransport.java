package io.usp4j.mtp.mqtt;

import io.usp4j.core.proto.record.MQTTConnectRecord;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.ProtocolVersion;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.core.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * broker assigns is kept for later connects (R-MQTT.9). The agent's reply-to topic is the CONNACK Response
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
 * <p>Thread-safe. Connecting, subscribing and reconnect timing run on one thread of the transport's own;
 * inbound Records are handed over on Paho's callback thread.
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
     */
    public record Status(State state, String clientId, String replyTopic, String responseTopicDiscovered,
            List<String> subscribed, List<String> refused, String lastError, long connects, long failures) {
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

    private final MqttSettings settings;
    private final AdapterFactory factory;
    private final RandomGenerator random;
    private final ScheduledExecutorService worker;
    private final Map<String, String> peerTopics = new ConcurrentHashMap<>();
    private final Set<String> tolerated = ConcurrentHashMap.newKeySet();
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
    /** Worker thread only. */
    private int retry;
    private long generation;

    /**
     * Creates the transport; nothing connects before {@link #start}.
     *
     * @param settings where and how to connect
     */
    public MqttTransport(MqttSettings settings) {
        this(settings, MqttTransport::paho, RandomGenerator.getDefault());
    }

    MqttTransport(MqttSettings settings, AdapterFactory factory, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.random = Objects.requireNonNull(random, "random");
        this.clientId = settings.clientId().isEmpty() && settings.version() == MqttVersion.V3_1_1
                ? settings.endpointId() : settings.clientId();
        this.qos = settings.publishQos();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "usp4j-mqtt-" + settings.host() + ":" + settings.port());
            t.setDaemon(true);
            return t;
        });
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
        return new Status(state, clientId, replyTopic, discovered, subscribed, refused, lastError, connects, failures);
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
        String topic = destination.get(TOPIC);
        if (topic == null || topic.isEmpty()) {
            topic = settings.controllerTopics().get(destination.endpointId());
        }
        if (topic == null || topic.isEmpty()) {
            return CompletableFuture.failedFuture(new TransportException("no MQTT topic known for '"
                    + destination.endpointId() + "': it sent no reply-to and has no configured topic"));
        }
        return publish(a, topic, record);
    }

    private CompletionStage<Void> publish(MqttClientAdapter a, String topic, byte[] record) {
        String reply = replyTopic;
        CompletableFuture<Void> sent = settings.version() == MqttVersion.V5
                ? a.publish(topic, record, qos, reply, CONTENT_TYPE)
                : a.publish(MqttTopics.withReplyTo(topic, reply), record, qos, null, null);
        return sent.handle((ok, failure) -> {
            if (failure != null) {
                throw failure instanceof TransportException te ? te
                        : new TransportException("MQTT publish to " + topic + " failed: " + failure, failure);
            }
            return null;
        });
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

    /** Disconnects (sending DISCONNECT, R-MQTT.35) and stops reconnecting. Closing twice does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
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
        MqttClientAdapter a = null;
        try {
            a = factory.create(settings, clientId, events(gen));
            attempting = a;
            if (state == State.CLOSED) {
                a.close();
                return;
            }
            MqttClientAdapter.ConnectResult r = a.connect();
            if (r.assignedClientId() != null && !r.assignedClientId().isEmpty()) {
                // R-MQTT.9: keep it for every later connect to this broker.
                LOG.info("{}: the broker assigned ClientId {}", settings, r.assignedClientId());
                clientId = r.assignedClientId();
            }
            String info = r.responseInformation() == null ? "" : r.responseInformation();
            discovered = info;
            String reply = info.isEmpty() ? settings.responseTopicConfigured() : info;
            List<String> filters = filters(r, info);
            if (filters.isEmpty()) {
                lastError = "nothing to subscribe to: no configured topic filter, subscribe-topic or reply-to topic";
                LOG.error("{}: {}; the MQTT transport is disabled (R-MQTT.16)", settings, lastError);
                a.close();
                attempting = null;
                state = State.DISABLED;
                return;
            }
            List<Boolean> granted = a.subscribe(filters, settings.publishQos());
            List<String> ok = new ArrayList<>();
            List<String> no = new ArrayList<>();
            for (int i = 0; i < filters.size(); i++) {
                (i < granted.size() && granted.get(i) ? ok : no).add(filters.get(i));
            }
            subscribed = List.copyOf(ok);
            refused = List.copyOf(no);
            if (ok.isEmpty()) {
                throw new SubscriptionRefused("the broker refused every subscription: " + no);
            }
            if (!no.isEmpty()) {
                lastError = "the broker refused the subscription to " + no;
                LOG.error("{}: {}", settings, lastError);
            }
            if (reply.isEmpty()) {
                LOG.warn("{}: no reply-to topic (no Response Information, none configured): Records cannot be sent (R-MQTT.22)",
                        settings);
            } else if (!MqttTopics.covered(ok, settings.version() == MqttVersion.V5 ? reply
                    : MqttTopics.withReplyTo(reply, "x"))) {
                LOG.warn("{}: the reply-to topic {} is not covered by a granted subscription {}", settings, reply, ok);
            }
            replyTopic = reply;
            qos = Math.min(settings.publishQos(), r.maximumQos());
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
            LOG.info("{}: connected as {}, subscribed to {}, reply-to {}", settings, clientId, ok, reply);
            announce(a);
        } catch (Exception e) {
            attempting = null;
            if (a != null) {
                a.close();
            }
            if (state == State.CLOSED) {
                return;
            }
            failures++;
            lastError = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof SubscriptionRefused) {
                // R-MQTT.17: publish nothing; the connection is dropped and the whole connect tried again.
                LOG.error("{}: {}; disconnected, nothing is published until a subscription succeeds", settings, lastError);
            }
            scheduleRetry("connect failed: " + lastError);
        }
    }

    /** SUBACK refused every filter. */
    private static final class SubscriptionRefused extends Exception {
        private static final long serialVersionUID = 1L;

        SubscriptionRefused(String message) {
            super(message);
        }
    }

    /** The SUBSCRIBE set of R-MQTT.15. */
    private List<String> filters(MqttClientAdapter.ConnectResult r, String responseInformation) {
        Set<String> filters = new LinkedHashSet<>(settings.subscriptions());
        filters.addAll(r.subscribeTopics());
        if (!responseInformation.isEmpty()) {
            if (!MqttTopics.covered(filters, responseInformation)) {
                filters.add(responseInformation);
            }
        } else if (!settings.responseTopicConfigured().isEmpty()) {
            String configured = settings.responseTopicConfigured();
            if (settings.version() == MqttVersion.V5) {
                if (!MqttTopics.covered(filters, configured)) {
                    filters.add(configured);
                }
            } else if (!MqttTopics.covered(filters, MqttTopics.withReplyTo(configured, "x"))) {
                filters.add(configured + "/#");
            }
        }
        return List.copyOf(filters);
    }

    /** After a successful subscription: mqtt_connect to each known Controller, then report it reachable. */
    private void announce(MqttClientAdapter a) {
        Map<String, String> known = new LinkedHashMap<>(settings.controllerTopics());
        known.putAll(peerTopics);
        RecordReceiver r = receiver;
        for (Map.Entry<String, String> c : known.entrySet()) {
            if (settings.connectRecords() && !replyTopic.isEmpty()) {
                publish(a, c.getValue(), connectRecord(c.getKey())).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("{}: could not send mqtt_connect to {}: {}", settings, c.getKey(), failure.toString());
                    }
                });
            }
            r.onConnectionChange(new Destination(c.getKey(), Map.of(TOPIC, c.getValue())), true);
        }
    }

    private void scheduleRetry(String why) {
        retry++;
        Duration wait = MqttRetry.wait(retry, settings, random);
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
        MqttClientAdapter a = active;
        active = null;
        generation++;
        if (a != null) {
            a.close();
        }
        failures++;
        lastError = "connection lost: " + cause;
        RecordReceiver r = receiver;
        Map<String, String> known = new LinkedHashMap<>(settings.controllerTopics());
        known.putAll(peerTopics);
        known.forEach((id, topic) -> r.onConnectionChange(new Destination(id, Map.of(TOPIC, topic)), false));
        scheduleRetry(lastError);
    }

    /** A PUBLISH arrived. Paho's callback thread. */
    private void deliver(MqttClientAdapter.Inbound in) {
        RecordReceiver r = receiver;
        if (r == null || state == State.CLOSED) {
            return;
        }
        String from = RecordPeek.fromId(in.payload());
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
