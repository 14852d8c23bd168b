package io.usp4j.mtp.websocket;

import io.usp4j.core.transport.TlsSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WebSocketServerTransport} listens: the TR-181 {@code Device.LocalAgent.MTP.{i}.WebSocket.}
 * parameters (Port, Path, EnableEncryption, KeepAliveInterval), the address to bind, this endpoint's Endpoint
 * ID, and what the library adds (message size limit, handshake timeout, whether to send the
 * {@code websocket_connect} Record). The same settings serve a Controller accepting Agents.
 *
 * <p>Immutable; build with {@link #builder}.
 */
public final class WebSocketServerSettings {
    /** The TR-181 default Port. */
    public static final int DEFAULT_PORT = 8443;

    private final String endpointId;
    private final String bindAddress;
    private final int port;
    private final String path;
    private final boolean encryption;
    private final Duration keepAlive;
    private final int maxRecordSize;
    private final Duration handshakeTimeout;
    private final boolean connectRecords;
    private final int ioThreads;
    private final TlsSettings tls;

    private WebSocketServerSettings(Builder b) {
        this.endpointId = b.endpointId;
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.path = b.path;
        this.encryption = b.encryption;
        this.keepAlive = b.keepAlive;
        this.maxRecordSize = b.maxRecordSize;
        this.handshakeTimeout = b.handshakeTimeout;
        this.connectRecords = b.connectRecords;
        this.ioThreads = b.ioThreads;
        this.tls = b.tls;
    }

    /**
     * Starts building settings.
     *
     * @param endpointId this endpoint's Endpoint ID: the {@code from_id} of the {@code websocket_connect}
     *     Record and the {@code eid} answered to the {@code bbf-usp-protocol} extension (R-WS.11a)
     * @param bindAddress the local address to listen on ({@code 127.0.0.1}, {@code 0.0.0.0}, a host name)
     * @param port the TCP port; 0 picks a free one (see {@link WebSocketServerTransport#port()})
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the Endpoint ID or address is empty, or the port is not 0–65535
     */
    public static Builder builder(String endpointId, String bindAddress, int port) {
        return new Builder(endpointId, bindAddress, port);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(endpointId, bindAddress, port);
        b.path = path;
        b.encryption = encryption;
        b.keepAlive = keepAlive;
        b.maxRecordSize = maxRecordSize;
        b.handshakeTimeout = handshakeTimeout;
        b.connectRecords = connectRecords;
        b.ioThreads = ioThreads;
        b.tls = tls;
        return b;
    }

    /** This endpoint's Endpoint ID. */
    public String endpointId() {
        return endpointId;
    }

    /** The local address listened on. */
    public String bindAddress() {
        return bindAddress;
    }

    /** The configured port; 0 when a free one is picked. */
    public int port() {
        return port;
    }

    /** The resource path, starting with {@code /}; a request for any other path is answered 404. */
    public String path() {
        return path;
    }

    /** EnableEncryption: TLS ({@code wss}). */
    public boolean encryption() {
        return encryption;
    }

    /**
     * The TLS used when {@link #encryption()} is on: the server certificate, and whether and against what
     * client certificates are checked; null when encryption is off and none was given.
     */
    public TlsSettings tls() {
        return tls;
    }

    /** KeepAliveInterval: how often a Ping is sent on each session; zero sends none. */
    public Duration keepAlive() {
        return keepAlive;
    }

    /** The largest Record (WebSocket message, after joining fragments) accepted, in bytes. */
    public int maxRecordSize() {
        return maxRecordSize;
    }

    /** How long a connection may take to complete the TLS and WebSocket handshakes. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Whether a {@code websocket_connect} Record goes to each peer whose Endpoint ID the handshake named (R-MTP.6). */
    public boolean connectRecords() {
        return connectRecords;
    }

    /** How many I/O threads serve the connections. */
    public int ioThreads() {
        return ioThreads;
    }

    @Override
    public String toString() {
        return (encryption ? "wss" : "ws") + "://" + bindAddress + ":" + port + path;
    }

    /** Collects {@link WebSocketServerSettings}. Not thread-safe. */
    public static final class Builder {
        private final String endpointId;
        private final String bindAddress;
        private final int port;
        private String path = "/";
        private boolean encryption;
        private Duration keepAlive = WebSocketClientSettings.DEFAULT_KEEP_ALIVE;
        private int maxRecordSize = WebSocketClientSettings.DEFAULT_MAX_RECORD_SIZE;
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private boolean connectRecords = true;
        private int ioThreads = 1;
        private TlsSettings tls;

        private Builder(String endpointId, String bindAddress, int port) {
            this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            if (endpointId.isEmpty()) {
                throw new IllegalArgumentException("the Endpoint ID is empty");
            }
            if (bindAddress.isEmpty()) {
                throw new IllegalArgumentException("the bind address is empty");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("the port must be 0-65535: " + port);
            }
            this.port = port;
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

        /** EnableEncryption (default false): TLS, with {@link #tls(TlsSettings)} saying how. */
        public Builder encryption(boolean encryption) {
            this.encryption = encryption;
            return this;
        }

        /**
         * The TLS of the listener: its key material is the server certificate; its
         * {@link TlsSettings#clientAuthentication()} says whether clients must show certificates (mutual TLS).
         */
        public Builder tls(TlsSettings tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
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
         * How long the handshakes may take (default 30 s).
         *
         * @throws IllegalArgumentException when under 100 ms
         */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout.toMillis() < 100) {
                throw new IllegalArgumentException("the handshake timeout must be at least 100 ms: " + timeout);
            }
            this.handshakeTimeout = timeout;
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
         * I/O threads (default 1).
         *
         * @throws IllegalArgumentException when not 1–64
         */
        public Builder ioThreads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("I/O threads must be 1-64: " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException when encryption is on without TLS settings holding a certificate
         */
        public WebSocketServerSettings build() {
            if (encryption && (tls == null || !tls.hasKeyMaterial())) {
                throw new IllegalArgumentException("a TLS listener needs TLS settings with a server certificate");
            }
            return new WebSocketServerSettings(this);
        }
    }
}
