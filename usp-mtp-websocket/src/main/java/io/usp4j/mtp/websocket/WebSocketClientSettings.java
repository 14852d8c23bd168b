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
 * {@code websocket_connect} Record). The same settings serve a Controller dialling an Agent's listener.
 *
 * <p>Immutable; build with {@link #builder}.
 */
public final class WebSocketClientSettings {
    /** The TR-181 default KeepAliveInterval. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);
    /** The factory default of SessionRetryMinimumWaitInterval (R-WS.19). */
    public static final Duration DEFAULT_RETRY_MINIMUM_WAIT = Duration.ofSeconds(5);
    /** The factory default of SessionRetryIntervalMultiplier (R-WS.19). */
    public static final int DEFAULT_RETRY_MULTIPLIER = 2000;
    /** The default largest Record accepted, in bytes. */
    public static final int DEFAULT_MAX_RECORD_SIZE = 4 * 1024 * 1024;

    private final String endpointId;
    private final String peerEndpointId;
    private final String host;
    private final int port;
    private final String path;
    private final boolean encryption;
    private final Duration keepAlive;
    private final Duration retryMinimumWait;
    private final int retryMultiplier;
    private final int maxRecordSize;
    private final Duration connectTimeout;
    private final boolean connectRecords;
    private final boolean legacyExtension;
    private final TlsSettings tls;

    private WebSocketClientSettings(Builder b) {
        this.endpointId = b.endpointId;
        this.peerEndpointId = b.peerEndpointId;
        this.host = b.host;
        this.port = b.port;
        this.path = b.path;
        this.encryption = b.encryption;
        this.keepAlive = b.keepAlive;
        this.retryMinimumWait = b.retryMinimumWait;
        this.retryMultiplier = b.retryMultiplier;
        this.maxRecordSize = b.maxRecordSize;
        this.connectTimeout = b.connectTimeout;
        this.connectRecords = b.connectRecords;
        this.legacyExtension = b.legacyExtension;
        this.tls = b.tls;
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
        Builder b = new Builder(endpointId, host, port);
        b.peerEndpointId = peerEndpointId;
        b.path = path;
        b.encryption = encryption;
        b.keepAlive = keepAlive;
        b.retryMinimumWait = retryMinimumWait;
        b.retryMultiplier = retryMultiplier;
        b.maxRecordSize = maxRecordSize;
        b.connectTimeout = connectTimeout;
        b.connectRecords = connectRecords;
        b.legacyExtension = legacyExtension;
        b.tls = tls;
        return b;
    }

    /** This endpoint's Endpoint ID. */
    public String endpointId() {
        return endpointId;
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

    /** The resource path, starting with {@code /}. */
    public String path() {
        return path;
    }

    /** EnableEncryption: {@code wss} (TLS) rather than {@code ws}. */
    public boolean encryption() {
        return encryption;
    }

    /** KeepAliveInterval: how often a Ping is sent; zero sends none. */
    public Duration keepAlive() {
        return keepAlive;
    }

    /** SessionRetryMinimumWaitInterval (m of R-WS.19). */
    public Duration retryMinimumWait() {
        return retryMinimumWait;
    }

    /** SessionRetryIntervalMultiplier (k of R-WS.19), in thousandths. */
    public int retryMultiplier() {
        return retryMultiplier;
    }

    /** The largest Record (WebSocket message, after joining fragments) accepted, in bytes. */
    public int maxRecordSize() {
        return maxRecordSize;
    }

    /** How long the TCP connect, TLS and WebSocket handshakes together may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Whether a {@code websocket_connect} Record goes to the peer when a session opens (an Agent's duty, R-MTP.6). */
    public boolean connectRecords() {
        return connectRecords;
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
        return tls == null ? DefaultTls.CLIENT : tls;
    }

    /** The URI dialled: {@code ws[s]://host:port/path?eid=<encoded Endpoint ID>}. */
    public URI uri() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            return new URI((encryption ? "wss" : "ws") + "://" + h + ":" + port + path + "?" + UspWebSocket.EID + "="
                    + UspWebSocket.encodeEid(endpointId));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid WebSocket URI: host '" + host + "', path '" + path + "'", e);
        }
    }

    /** Made on first use: the JDK's default trust. */
    private static final class DefaultTls {
        static final TlsSettings CLIENT = TlsSettings.builder().build();
    }

    @Override
    public String toString() {
        return (encryption ? "wss" : "ws") + "://" + host + ":" + port + path
                + (peerEndpointId.isEmpty() ? "" : " (" + peerEndpointId + ")");
    }

    /** Collects {@link WebSocketClientSettings}. Not thread-safe. */
    public static final class Builder {
        private final String endpointId;
        private final String host;
        private final int port;
        private String peerEndpointId = "";
        private String path = "/";
        private boolean encryption;
        private Duration keepAlive = DEFAULT_KEEP_ALIVE;
        private Duration retryMinimumWait = DEFAULT_RETRY_MINIMUM_WAIT;
        private int retryMultiplier = DEFAULT_RETRY_MULTIPLIER;
        private int maxRecordSize = DEFAULT_MAX_RECORD_SIZE;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private boolean connectRecords = true;
        private boolean legacyExtension;
        private TlsSettings tls;

        private Builder(String endpointId, String host, int port) {
            this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
            this.host = Objects.requireNonNull(host, "host");
            if (endpointId.isEmpty()) {
                throw new IllegalArgumentException("the Endpoint ID is empty");
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("the host is empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the port must be 1-65535: " + port);
            }
            this.port = port;
        }

        /** The peer's Endpoint ID (default empty: learnt from the handshake or the first Record). */
        public Builder peerEndpointId(String peerEndpointId) {
            this.peerEndpointId = Objects.requireNonNull(peerEndpointId, "peerEndpointId");
            return this;
        }

        /**
         * The resource path (default {@code /}); one without a leading {@code /} gets one.
         *
         * @throws IllegalArgumentException when it holds a {@code ?} or {@code #}
         */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            if (path.contains("?") || path.contains("#")) {
                throw new IllegalArgumentException("a WebSocket path cannot hold a query or fragment: " + path);
            }
            this.path = path.startsWith("/") ? path : "/" + path;
            return this;
        }

        /** EnableEncryption (default false): TLS ({@code wss}). */
        public Builder encryption(boolean encryption) {
            this.encryption = encryption;
            return this;
        }

        /**
         * KeepAliveInterval (default 60 s); zero sends no Pings.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder keepAlive(Duration keepAlive) {
            if (keepAlive.isNegative()) {
                throw new IllegalArgumentException("keep-alive must not be negative: " + keepAlive);
            }
            this.keepAlive = keepAlive;
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
         * The largest Record accepted (default 4 MiB).
         *
         * @throws IllegalArgumentException when under 1024 bytes
         */
        public Builder maxRecordSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("the Record size limit must be at least 1024 bytes: " + bytes);
            }
            this.maxRecordSize = bytes;
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
         * Whether to send a {@code websocket_connect} Record when a session opens (default true, as an Agent
         * must, R-MTP.6). A Controller built on this transport turns it off.
         */
        public Builder connectRecords(boolean send) {
            this.connectRecords = send;
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
         * The TLS to use with {@link #encryption(boolean) encryption} (default: the JDK's trust store, no client
         * certificate, host names checked).
         */
        public Builder tls(TlsSettings tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
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
