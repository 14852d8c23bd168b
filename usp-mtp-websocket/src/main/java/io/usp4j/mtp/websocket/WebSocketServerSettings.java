package io.usp4j.mtp.websocket;

import io.usp4j.core.transport.TlsSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WebSocketServerTransport} listens: the TR-181 {@code Device.LocalAgent.MTP.{i}.WebSocket.}
 * parameters (Port, Path, EnableEncryption, KeepAliveInterval), the address to bind, this endpoint's Endpoint
 * ID, and what the library adds (message size limit, handshake timeout, whether to send the
 * {@code websocket_connect} Record). The same settings serve a Controller accepting Agents. What a client has
 * too (Endpoint ID, path, encryption, TLS, keep-alive, Record size limit, {@code websocket_connect}) is held and
 * checked by the package's shared session settings.
 *
 * <p>Immutable; build with {@link #builder}.
 */
public final class WebSocketServerSettings extends SessionSettings {
    /** The TR-181 default Port. */
    public static final int DEFAULT_PORT = 8443;

    private final String bindAddress;
    private final int port;
    private final Duration handshakeTimeout;
    private final int ioThreads;

    private WebSocketServerSettings(Builder b) {
        super(b);
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.handshakeTimeout = b.handshakeTimeout;
        this.ioThreads = b.ioThreads;
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
        Builder b = new Builder(endpointId(), bindAddress, port).copy(this);
        b.handshakeTimeout = handshakeTimeout;
        b.ioThreads = ioThreads;
        return b;
    }

    /** The local address listened on. */
    public String bindAddress() {
        return bindAddress;
    }

    /** The configured port; 0 when a free one is picked. */
    public int port() {
        return port;
    }

    /**
     * The TLS used when {@link #encryption()} is on: the server certificate, and whether and against what
     * client certificates are checked; null when encryption is off and none was given.
     */
    public TlsSettings tls() {
        return configuredTls();
    }

    /** How long a connection may take to complete the TLS and WebSocket handshakes. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** How many I/O threads serve the connections. */
    public int ioThreads() {
        return ioThreads;
    }

    @Override
    public String toString() {
        return scheme() + "://" + bindAddress + ":" + port + path();
    }

    /**
     * Collects {@link WebSocketServerSettings}: the setters shared with a client's builder (path, encryption,
     * tls, keepAlive, maxRecordSize, connectRecords) and the listener's own. Not thread-safe.
     */
    public static final class Builder extends SessionBuilder<Builder> {
        private final String bindAddress;
        private final int port;
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private int ioThreads = 1;

        private Builder(String endpointId, String bindAddress, int port) {
            super(endpointId);
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            if (bindAddress.isEmpty()) {
                throw new IllegalArgumentException("the bind address is empty");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("the port must be 0-65535: " + port);
            }
            this.port = port;
        }

        @Override
        Builder self() {
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
            WebSocketServerSettings s = new WebSocketServerSettings(this);
            if (s.encryption() && (s.tls() == null || !s.tls().hasKeyMaterial())) {
                throw new IllegalArgumentException("a TLS listener needs TLS settings with a server certificate");
            }
            return s;
        }
    }
}
