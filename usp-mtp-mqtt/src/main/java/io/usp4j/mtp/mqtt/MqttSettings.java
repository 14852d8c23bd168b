package io.usp4j.mtp.mqtt;

import io.usp4j.core.transport.TlsSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link MqttTransport} connects: the broker, the MQTT version, the CONNECT fields, the topics, and the
 * reconnect timing. The names follow {@code Device.MQTT.Client.{i}.} and {@code Device.LocalAgent.MTP.{i}.MQTT.}
 * of TR-181, which is what a data-model binding fills them from.
 *
 * <p>Immutable and thread-safe; build with {@link #builder(String, String, int)}.
 */
public final class MqttSettings {
    /** Default {@code KeepAliveTime}: 60 s (TR-181). */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);
    /** Default {@code ConnectRetryTime}: 5 s (TR-181). */
    public static final Duration DEFAULT_CONNECT_RETRY_TIME = Duration.ofSeconds(5);
    /** Default {@code ConnectRetryIntervalMultiplier}: 2000, i.e. doubling (TR-181). */
    public static final int DEFAULT_CONNECT_RETRY_INTERVAL_MULTIPLIER = 2000;
    /** Default {@code ConnectRetryMaxInterval}: 30720 s (TR-181). */
    public static final Duration DEFAULT_CONNECT_RETRY_MAX_INTERVAL = Duration.ofSeconds(30720);

    private final String endpointId;
    private final String host;
    private final int port;
    private final MqttVersion version;
    private final String clientId;
    private final String username;
    private final String password;
    private final Duration keepAlive;
    private final boolean cleanStart;
    private final String responseTopicConfigured;
    private final List<String> subscriptions;
    private final Map<String, Integer> subscriptionQos;
    private final int publishQos;
    private final Duration connectRetryTime;
    private final int connectRetryIntervalMultiplier;
    private final Duration connectRetryMaxInterval;
    private final Duration connectTimeout;
    private final Map<String, String> controllerTopics;
    private final java.util.Set<String> retainResponse;
    private final java.util.Set<String> retainNotify;
    private final boolean connectRecords;
    private final TlsSettings tls;

    private MqttSettings(Builder b) {
        this.endpointId = b.endpointId;
        this.host = b.host;
        this.port = b.port;
        this.version = b.version;
        this.clientId = b.clientId;
        this.username = b.username;
        this.password = b.password;
        this.keepAlive = b.keepAlive;
        this.cleanStart = b.cleanStart;
        this.responseTopicConfigured = b.responseTopicConfigured;
        this.subscriptions = List.copyOf(b.subscriptions.keySet());
        Map<String, Integer> q = new LinkedHashMap<>();
        b.subscriptions.forEach((f, qos) -> q.put(f, qos < 0 ? b.publishQos : qos));
        this.subscriptionQos = java.util.Collections.unmodifiableMap(q);
        this.publishQos = b.publishQos;
        this.connectRetryTime = b.connectRetryTime;
        this.connectRetryIntervalMultiplier = b.connectRetryIntervalMultiplier;
        this.connectRetryMaxInterval = b.connectRetryMaxInterval;
        this.connectTimeout = b.connectTimeout;
        this.controllerTopics = Map.copyOf(b.controllerTopics);
        this.retainResponse = java.util.Set.copyOf(b.retainResponse);
        this.retainNotify = java.util.Set.copyOf(b.retainNotify);
        this.connectRecords = b.connectRecords;
        this.tls = b.tls;
    }

    /**
     * Starts building settings.
     *
     * @param endpointId this endpoint's USP Endpoint ID: the {@code usp-endpoint-id} CONNECT property (5.0)
     *     and the 3.1.1 ClientId when none is configured (R-MQTT.8, R-MQTT.13)
     * @param host the broker's host name or address ({@code BrokerAddress})
     * @param port the broker's TCP port ({@code BrokerPort})
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the host is empty or the port is not 1–65535
     */
    public static Builder builder(String endpointId, String host, int port) {
        return new Builder(endpointId, host, port);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(endpointId, host, port);
        b.version = version;
        b.clientId = clientId;
        b.username = username;
        b.password = password;
        b.keepAlive = keepAlive;
        b.cleanStart = cleanStart;
        b.responseTopicConfigured = responseTopicConfigured;
        b.subscriptions.putAll(subscriptionQos);
        b.publishQos = publishQos;
        b.connectRetryTime = connectRetryTime;
        b.connectRetryIntervalMultiplier = connectRetryIntervalMultiplier;
        b.connectRetryMaxInterval = connectRetryMaxInterval;
        b.connectTimeout = connectTimeout;
        b.controllerTopics.putAll(controllerTopics);
        b.retainResponse.addAll(retainResponse);
        b.retainNotify.addAll(retainNotify);
        b.connectRecords = connectRecords;
        b.tls = tls;
        return b;
    }

    /** This endpoint's USP Endpoint ID. */
    public String endpointId() {
        return endpointId;
    }

    /** The broker's host. */
    public String host() {
        return host;
    }

    /** The broker's port. */
    public int port() {
        return port;
    }

    /** The MQTT version spoken. */
    public MqttVersion version() {
        return version;
    }

    /** The configured ClientId; empty when none is configured. */
    public String clientId() {
        return clientId;
    }

    /** The user name sent in CONNECT; empty for none. */
    public String username() {
        return username;
    }

    /** The password sent in CONNECT; empty for none. */
    public String password() {
        return password;
    }

    /** The CONNECT Keep Alive; zero turns keep-alive off. */
    public Duration keepAlive() {
        return keepAlive;
    }

    /** The Clean Start (5.0) or Clean Session (3.1.1) flag. */
    public boolean cleanStart() {
        return cleanStart;
    }

    /** {@code ResponseTopicConfigured}: the agent's own reply-to topic when the broker assigns none; may be empty. */
    public String responseTopicConfigured() {
        return responseTopicConfigured;
    }

    /** The configured topic filters to subscribe to ({@code Subscription.{i}.Topic} of enabled rows). */
    public List<String> subscriptions() {
        return subscriptions;
    }

    /**
     * The QoS requested for a configured topic filter ({@code Subscription.{i}.QoS}): the one given to
     * {@link Builder#subscribe(String, int)}, else {@link #publishQos()}.
     *
     * @throws IllegalArgumentException when the filter is not one of {@link #subscriptions()}
     */
    public int subscriptionQos(String topicFilter) {
        Integer q = subscriptionQos.get(topicFilter);
        if (q == null) {
            throw new IllegalArgumentException("not a configured topic filter: " + topicFilter);
        }
        return q;
    }

    /**
     * The QoS of PUBLISH (0 or 1), and of the SUBSCRIBE to the reply-to topic, the {@code subscribe-topic}
     * filters and the configured filters given without a QoS.
     */
    public int publishQos() {
        return publishQos;
    }

    /** {@code ConnectRetryTime}: the first reconnect wait. */
    public Duration connectRetryTime() {
        return connectRetryTime;
    }

    /** {@code ConnectRetryIntervalMultiplier}, in thousandths. */
    public int connectRetryIntervalMultiplier() {
        return connectRetryIntervalMultiplier;
    }

    /** {@code ConnectRetryMaxInterval}: no reconnect wait is longer. */
    public Duration connectRetryMaxInterval() {
        return connectRetryMaxInterval;
    }

    /** How long one connect, or one subscribe, may take before it counts as failed. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The configured topic of each Controller ({@code Controller.{i}.MTP.{i}.MQTT.Topic}), by Endpoint ID:
     * where notifications go, where answers go when a Controller sent no reply-to, and where the
     * {@code mqtt_connect} Record is sent after each connect.
     */
    public Map<String, String> controllerTopics() {
        return controllerTopics;
    }

    /**
     * The Controllers whose Responses (and Errors) are published with RETAIN
     * ({@code Controller.{i}.MTP.{i}.MQTT.PublishRetainResponse}), by Endpoint ID.
     */
    public java.util.Set<String> retainResponse() {
        return retainResponse;
    }

    /**
     * The Controllers whose Notify Messages are published with RETAIN
     * ({@code Controller.{i}.MTP.{i}.MQTT.PublishRetainNotify}), by Endpoint ID.
     */
    public java.util.Set<String> retainNotify() {
        return retainNotify;
    }

    /**
     * Whether an {@code mqtt_connect} Record goes to each known peer after every connect: true for an Agent
     * (R-MTP.6), false for a Controller, which the spec does not ask to announce itself.
     */
    public boolean connectRecords() {
        return connectRecords;
    }

    /**
     * The TLS to connect with ({@code TransportProtocol} TLS): the broker's certificate is checked against its
     * trust anchors and, when {@link TlsSettings#hostnameVerification()} is on, against {@link #host()}; its key
     * material, if any, is the client certificate. Empty for plain TCP.
     */
    public Optional<TlsSettings> tls() {
        return Optional.ofNullable(tls);
    }

    /**
     * Whether a transport connected with these settings can take {@code other} without reconnecting: all that
     * differs is what {@link MqttTransport#reconfigure} applies on the live connection (the configured
     * subscriptions and their QoS, the publish QoS, the Controller topics and the reconnect timing).
     */
    boolean sameConnection(MqttSettings other) {
        return endpointId.equals(other.endpointId) && host.equals(other.host) && port == other.port
                && version == other.version && clientId.equals(other.clientId) && username.equals(other.username)
                && password.equals(other.password) && keepAlive.equals(other.keepAlive) && cleanStart == other.cleanStart
                && responseTopicConfigured.equals(other.responseTopicConfigured)
                && connectTimeout.equals(other.connectTimeout) && connectRecords == other.connectRecords
                && tls == other.tls;
    }

    @Override
    public String toString() {
        return "MQTT " + version.label() + (tls == null ? " " : " over TLS ") + host + ":" + port
                + (clientId.isEmpty() ? "" : " as " + clientId);
    }

    /** Collects {@link MqttSettings}. Not thread-safe. */
    public static final class Builder {
        private final String endpointId;
        private final String host;
        private final int port;
        private MqttVersion version = MqttVersion.V5;
        private String clientId = "";
        private String username = "";
        private String password = "";
        private Duration keepAlive = DEFAULT_KEEP_ALIVE;
        private boolean cleanStart = true;
        private String responseTopicConfigured = "";
        /** Filter to QoS; -1 for "the publish QoS". */
        private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
        private int publishQos = 1;
        private Duration connectRetryTime = DEFAULT_CONNECT_RETRY_TIME;
        private int connectRetryIntervalMultiplier = DEFAULT_CONNECT_RETRY_INTERVAL_MULTIPLIER;
        private Duration connectRetryMaxInterval = DEFAULT_CONNECT_RETRY_MAX_INTERVAL;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private final Map<String, String> controllerTopics = new LinkedHashMap<>();
        private final java.util.Set<String> retainResponse = new java.util.HashSet<>();
        private final java.util.Set<String> retainNotify = new java.util.HashSet<>();
        private boolean connectRecords = true;
        private TlsSettings tls;

        private Builder(String endpointId, String host, int port) {
            this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
            this.host = Objects.requireNonNull(host, "host");
            if (host.isEmpty()) {
                throw new IllegalArgumentException("the broker host is empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the broker port must be 1-65535: " + port);
            }
            this.port = port;
        }

        /** The MQTT version (default 5.0). */
        public Builder version(MqttVersion version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * The ClientId (default empty: the broker assigns one under 5.0, and it is kept for later connects;
         * the Endpoint ID under 3.1.1).
         */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /** User name and password for CONNECT (default none). */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Keep Alive (default 60 s); zero turns it off.
         *
         * @throws IllegalArgumentException when negative or over 65535 s
         */
        public Builder keepAlive(Duration keepAlive) {
            if (keepAlive.isNegative() || keepAlive.getSeconds() > 65535) {
                throw new IllegalArgumentException("keep-alive must be 0-65535 s: " + keepAlive);
            }
            this.keepAlive = keepAlive;
            return this;
        }

        /** Clean Start / Clean Session (default true). */
        public Builder cleanStart(boolean cleanStart) {
            this.cleanStart = cleanStart;
            return this;
        }

        /**
         * The agent's own reply-to topic, used when a 5.0 broker gives no Response Information (default none).
         *
         * @throws IllegalArgumentException when it holds a wildcard
         */
        public Builder responseTopic(String topic) {
            Objects.requireNonNull(topic, "topic");
            if (topic.contains("+") || topic.contains("#")) {
                throw new IllegalArgumentException("a reply-to topic cannot hold wildcards: " + topic);
            }
            this.responseTopicConfigured = topic;
            return this;
        }

        /**
         * Adds a topic filter to subscribe to with the {@link #qos publish QoS}.
         *
         * @throws IllegalArgumentException when empty
         */
        public Builder subscribe(String topicFilter) {
            if (topicFilter.isEmpty()) {
                throw new IllegalArgumentException("empty topic filter");
            }
            subscriptions.put(topicFilter, -1);
            return this;
        }

        /**
         * Adds a topic filter to subscribe to with its own QoS ({@code Subscription.{i}.QoS}); adding a filter
         * again replaces its QoS.
         *
         * @throws IllegalArgumentException when the filter is empty or the QoS not 0–2
         */
        public Builder subscribe(String topicFilter, int qos) {
            if (topicFilter.isEmpty()) {
                throw new IllegalArgumentException("empty topic filter");
            }
            if (qos < 0 || qos > 2) {
                throw new IllegalArgumentException("QoS must be 0-2: " + qos);
            }
            subscriptions.put(topicFilter, qos);
            return this;
        }

        /**
         * QoS for PUBLISH and SUBSCRIBE (default 1).
         *
         * @throws IllegalArgumentException when not 0 or 1 (USP needs no more, R-MQTT.20)
         */
        public Builder qos(int qos) {
            if (qos != 0 && qos != 1) {
                throw new IllegalArgumentException("QoS must be 0 or 1: " + qos);
            }
            this.publishQos = qos;
            return this;
        }

        /**
         * The reconnect timing (defaults 5 s, 2000, 30720 s).
         *
         * @param retryTime {@code ConnectRetryTime}, positive
         * @param multiplier {@code ConnectRetryIntervalMultiplier}, 1000–65535
         * @param maxInterval {@code ConnectRetryMaxInterval}, positive
         * @throws IllegalArgumentException when a value is out of range
         */
        public Builder connectRetry(Duration retryTime, int multiplier, Duration maxInterval) {
            if (retryTime.isNegative() || retryTime.isZero() || maxInterval.isNegative() || maxInterval.isZero()) {
                throw new IllegalArgumentException("retry intervals must be positive");
            }
            if (multiplier < 1000 || multiplier > 65535) {
                throw new IllegalArgumentException("the retry multiplier must be 1000-65535: " + multiplier);
            }
            this.connectRetryTime = retryTime;
            this.connectRetryIntervalMultiplier = multiplier;
            this.connectRetryMaxInterval = maxInterval;
            return this;
        }

        /**
         * How long a connect or subscribe may take (default 30 s).
         *
         * @throws IllegalArgumentException when under one second
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.toMillis() < 1000) {
                throw new IllegalArgumentException("connect timeout must be at least 1 s: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * A Controller's configured topic.
         *
         * @throws IllegalArgumentException when the topic is empty or holds a wildcard
         */
        public Builder controller(String endpointId, String topic) {
            Objects.requireNonNull(endpointId, "endpointId");
            if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
                throw new IllegalArgumentException("a Controller topic must be an exact topic: '" + topic + "'");
            }
            controllerTopics.put(endpointId, topic);
            return this;
        }

        /**
         * A Controller's configured topic and RETAIN flags ({@code PublishRetainResponse},
         * {@code PublishRetainNotify}): when set, PUBLISH packets carrying a Response or Error (respectively a
         * Notify) to it have RETAIN set, unless a 5.0 broker said Retain Available = 0. A Record whose Message
         * cannot be seen (encrypted or segmented in a session context) is never retained.
         *
         * @throws IllegalArgumentException when the topic is empty or holds a wildcard
         */
        public Builder controller(String endpointId, String topic, boolean retainResponse, boolean retainNotify) {
            controller(endpointId, topic);
            if (retainResponse) {
                this.retainResponse.add(endpointId);
            } else {
                this.retainResponse.remove(endpointId);
            }
            if (retainNotify) {
                this.retainNotify.add(endpointId);
            } else {
                this.retainNotify.remove(endpointId);
            }
            return this;
        }

        /**
         * Whether to send {@code mqtt_connect} Records after each connect (default true, as an Agent must). A
         * Controller built on this transport turns it off.
         */
        public Builder connectRecords(boolean send) {
            this.connectRecords = send;
            return this;
        }

        /**
         * Connects over TLS with these settings (default: plain TCP); null goes back to plain TCP. The port is
         * not changed: TLS brokers usually listen on 8883.
         */
        public Builder tls(TlsSettings tls) {
            this.tls = tls;
            return this;
        }

        /** The settings. */
        public MqttSettings build() {
            return new MqttSettings(this);
        }
    }
}
