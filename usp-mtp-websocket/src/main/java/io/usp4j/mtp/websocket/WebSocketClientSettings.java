package io.usp4j.mtp.websocket;

import io.usp4j.core.transport.TlsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WebSocketClientTransport} dials its peer: the TR-181 {@code Device.LocalAgent.Controller.{i}.
 * MTP.{i}.WebSocket.} parameters (Host, Port, Path, EnableEncryption, KeepAliveInterval,
 * SessionRetryMinimumWaitInterval, SessionRetryIntervalMultiplier) plus this endpoint's own Endpoint ID, the
 * peer's, and what the library adds (message size limit, connect timeout, whether to send the
 * {@code websocket_connect} Record). The same settings serve a Controller dialling an Agent's listener. What a
 * listener has too (Endpoint ID, path, encryption, TLS, keep-alive, Record size limit, {@code websocket_connect})
 * is held and checked by the package's shared session settings.
 *
 * <p>Immutable; build with {@link #builder}.
 */
public final class WebSocketClientSettings extends SessionSettings {
    /** The TR-181 default KeepAliveInterval. */
    public static final Duration DEFAULT_KEEP_ALIVE = SessionSettings.DEFAULT_KEEP_ALIVE;
    /** The factory default of SessionRetryMinimumWaitInterval (R-WS.19). */
    public static final Duration DEFAULT_RETRY_MINIMUM_WAIT = Duration.ofSeconds(5);
    /** The factory default of SessionRetryIntervalMultiplier (R-WS.19). */
    public static final int DEFAULT_RETRY_MULTIPLIER = 2000;
    /** The default largest Record accepted, in bytes. */
    public static final int DEFAULT_MAX_RECORD_SIZE = SessionSettings.DEFAULT_MAX_RECORD_SIZE;

    private final String peerEndpointId;
    private final String host;
    private final int port;
    private final Duration retryMinimumWait;
    private final int retryMultiplier;
    private final Duration connectTimeout;
    private final boolean legacyExtension;

    private WebSocketClientSettings(Builder b) {
        super(b);
        this.peerEndpointId = b.peerEndpointId;
        this.host = b.host;
        this.port = b.port;
        this.retryMinimumWait = b.retryMinimumWait;
        this.retryMultiplier = b.retryMultiplier;
        this.connectTimeout = b.connectTimeout;
        this.legacyExtension = b.legacyExtension;
    }

    /**
     * Starts building settings.
     *
     * @param endpointId this endpoint's Endpoint ID: the {@code eid} query parameter (R-WS.10b) and the
     *     {@code from_id} of the {@code websocket_connect} Record
     * @param host the peer's host name or address (Host)
     * @param port the peer's TCP port (Port)
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the Endpoint ID or host is empty, or the port is not 1–65535
     */
    public static Builder builder(String endpointId, String host, int port) {
        return new Builder(endpointId, host, port);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(endpointId(), host, port).copy(this);
        b.peerEndpointId = peerEndpointId;
        b.retryMinimumWait = retryMinimumWait;
        b.retryMultiplier = retryMultiplier;
        b.connectTimeout = connectTimeout;
        b.legacyExtension = legacyExtension;
        return b;
    }

    /** The peer's Endpoint ID; empty when not configured (it is then learnt from the peer). */
    public String peerEndpointId() {
        return peerEndpointId;
    }

    /** The peer's host. */
    public String host() {
        return host;
    }

    /** The peer's port. */
    public int port() {
        return port;
    }

    /** SessionRetryMinimumWaitInterval (m of R-WS.19). */
    public Duration retryMinimumWait() {
        return retryMinimumWait;
    }

    /** SessionRetryIntervalMultiplier (k of R-WS.19), in thousandths. */
    public int retryMultiplier() {
        return retryMultiplier;
    }

    /** How long the TCP connect, TLS and WebSocket handshakes together may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Whether the deprecated {@code bbf-usp-protocol} extension is also sent (R-WS.10a, USP before 1.3). */
    public boolean legacyExtension() {
        return legacyExtension;
    }

    /**
     * The TLS used when {@link #encryption()} is on: trust anchors, the client certificate if any, host-name
     * checking. Without one configured, the JDK's default trust store, no client certificate, host names checked.
     */
    public TlsSettings tls() {
        TlsSettings tls = configuredTls();
        return tls == null ? DefaultTls.CLIENT : tls;
    }

    /** The URI dialled: {@code ws[s]://host:port/path?eid=<encoded Endpoint ID>}. */
    public URI uri() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            return new URI(scheme() + "://" + h + ":" + port + path() + "?" + UspWebSocket.EID + "="
                    + UspWebSocket.encodeEid(endpointId()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid WebSocket URI: host '" + host + "', path '" + path() + "'", e);
        }
    }

    /** Made on first use: the JDK's default trust. */
    private static final class DefaultTls {
        static final TlsSettings CLIENT = TlsSettings.builder().build();
    }

    @Override
    public String toString() {
        return scheme() + "://" + host + ":" + port + path()
                + (peerEndpointId.isEmpty() ? "" : " (" + peerEndpointId + ")");
    }

    /**
     * Collects {@link WebSocketClientSettings}: the setters shared with a listener's builder (path, encryption,
     * tls, keepAlive, maxRecordSize, connectRecords) and the client's own. Not thread-safe.
     */
    public static final class Builder extends SessionBuilder<Builder> {
        private final String host;
        private final int port;
        private String peerEndpointId = "";
        private Duration retryMinimumWait = DEFAULT_RETRY_MINIMUM_WAIT;
        private int retryMultiplier = DEFAULT_RETRY_MULTIPLIER;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private boolean legacyExtension;

        private Builder(String endpointId, String host, int port) {
            super(endpointId);
            this.host = Objects.requireNonNull(host, "host");
            if (host.isEmpty()) {
                throw new IllegalArgumentException("the host is empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the port must be 1-65535: " + port);
            }
            this.port = port;
        }

        @Override
        Builder self() {
            return this;
        }

        /** The peer's Endpoint ID (default empty: learnt from the handshake or the first Record). */
        public Builder peerEndpointId(String peerEndpointId) {
            this.peerEndpointId = Objects.requireNonNull(peerEndpointId, "peerEndpointId");
            return this;
        }

        /**
         * The session retry timing (defaults 5 s and 2000, R-WS.19).
         *
         * @param minimumWait SessionRetryMinimumWaitInterval, positive (whole seconds in TR-181; shorter is
         *     allowed for tests)
         * @param multiplier SessionRetryIntervalMultiplier, 1000–65535
         * @throws IllegalArgumentException when a value is out of range
         */
        public Builder sessionRetry(Duration minimumWait, int multiplier) {
            if (minimumWait.isNegative() || minimumWait.isZero()) {
                throw new IllegalArgumentException("the minimum wait must be positive: " + minimumWait);
            }
            if (multiplier < 1000 || multiplier > 65535) {
                throw new IllegalArgumentException("the retry multiplier must be 1000-65535: " + multiplier);
            }
            this.retryMinimumWait = minimumWait;
            this.retryMultiplier = multiplier;
            return this;
        }

        /**
         * How long connecting may take (default 30 s).
         *
         * @throws IllegalArgumentException when under 100 ms
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.toMillis() < 100) {
                throw new IllegalArgumentException("the connect timeout must be at least 100 ms: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Whether to send the deprecated {@code Sec-WebSocket-Extensions: bbf-usp-protocol; eid=...} header too
         * (default false; only USP 1.0–1.2 servers need it).
         */
        public Builder legacyExtension(boolean send) {
            this.legacyExtension = send;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException when host and path do not make a valid URI
         */
        public WebSocketClientSettings build() {
            WebSocketClientSettings s = new WebSocketClientSettings(this);
            s.uri();
            return s;
        }
    }
}
