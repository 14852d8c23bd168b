package io.usp4j.mtp.websocket;

import io.usp4j.core.transport.TlsSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * What every WebSocket session of an endpoint is set up with, whichever side opened it: this endpoint's
 * Endpoint ID, the TR-181 Path, EnableEncryption and KeepAliveInterval parameters, the TLS, and what the
 * library adds (the Record size limit, whether the {@code websocket_connect} Record is sent). The base of
 * {@link WebSocketClientSettings} and {@link WebSocketServerSettings}, which add what only their side has; its
 * getters and the setters of {@link SessionBuilder} are part of their public API.
 *
 * <p>Immutable.
 */
abstract class SessionSettings {
    /** The TR-181 default KeepAliveInterval. */
    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);
    /** The default largest Record accepted, in bytes. */
    static final int DEFAULT_MAX_RECORD_SIZE = 4 * 1024 * 1024;

    private final String endpointId;
    private final String path;
    private final boolean encryption;
    private final Duration keepAlive;
    private final int maxRecordSize;
    private final boolean connectRecords;
    private final TlsSettings tls;

    SessionSettings(SessionBuilder<?> b) {
        this.endpointId = b.endpointId;
        this.path = b.path;
        this.encryption = b.encryption;
        this.keepAlive = b.keepAlive;
        this.maxRecordSize = b.maxRecordSize;
        this.connectRecords = b.connectRecords;
        this.tls = b.tls;
    }

    /** This endpoint's Endpoint ID. */
    public String endpointId() {
        return endpointId;
    }

    /**
     * The resource path, starting with {@code /}: the one dialled, or the one listened on (a request for any
     * other path is answered 404).
     */
    public String path() {
        return path;
    }

    /** EnableEncryption: {@code wss} (TLS) rather than {@code ws}. */
    public boolean encryption() {
        return encryption;
    }

    /** KeepAliveInterval: how often a Ping is sent on each session; zero sends none. */
    public Duration keepAlive() {
        return keepAlive;
    }

    /** The largest Record (WebSocket message, after joining fragments) accepted, in bytes. */
    public int maxRecordSize() {
        return maxRecordSize;
    }

    /**
     * Whether a {@code websocket_connect} Record goes to the peer when a session with a peer of known Endpoint
     * ID opens (an Agent's duty, R-MTP.6).
     */
    public boolean connectRecords() {
        return connectRecords;
    }

    /** The TLS settings as given to the builder; null when none were. */
    final TlsSettings configuredTls() {
        return tls;
    }

    /** The URI scheme: {@code wss} with encryption, else {@code ws}. */
    final String scheme() {
        return encryption ? "wss" : "ws";
    }

    /**
     * Collects the settings every session shares; the public builders of both modes extend it.
     * Not thread-safe.
     *
     * @param <B> the concrete builder, returned by every setter so that calls chain
     */
    abstract static class SessionBuilder<B extends SessionBuilder<B>> {
        private final String endpointId;
        private String path = "/";
        private boolean encryption;
        private Duration keepAlive = DEFAULT_KEEP_ALIVE;
        private int maxRecordSize = DEFAULT_MAX_RECORD_SIZE;
        private boolean connectRecords = true;
        private TlsSettings tls;

        /**
         * Starts with this endpoint's Endpoint ID and the defaults.
         *
         * @throws NullPointerException when the Endpoint ID is null
         * @throws IllegalArgumentException when it is empty
         */
        SessionBuilder(String endpointId) {
            this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
            if (endpointId.isEmpty()) {
                throw new IllegalArgumentException("the Endpoint ID is empty");
            }
        }

        /** This builder, as its concrete type. */
        abstract B self();

        /** Takes over the shared settings of built ones (all but the Endpoint ID, given to the constructor). */
        final B copy(SessionSettings s) {
            path = s.path;
            encryption = s.encryption;
            keepAlive = s.keepAlive;
            maxRecordSize = s.maxRecordSize;
            connectRecords = s.connectRecords;
            tls = s.tls;
            return self();
        }

        /**
         * The resource path (default {@code /}); one without a leading {@code /} gets one.
         *
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when it holds a {@code ?} or {@code #}
         */
        public B path(String path) {
            Objects.requireNonNull(path, "path");
            if (path.contains("?") || path.contains("#")) {
                throw new IllegalArgumentException("a WebSocket path cannot hold a query or fragment: " + path);
            }
            this.path = path.startsWith("/") ? path : "/" + path;
            return self();
        }

        /** EnableEncryption (default false): TLS ({@code wss}), with {@link #tls(TlsSettings)} saying how. */
        public B encryption(boolean encryption) {
            this.encryption = encryption;
            return self();
        }

        /**
         * The TLS to use with {@link #encryption(boolean) encryption}. A client checks the server's certificate
         * against its trust anchors and, unless turned off there, against the host dialled, and shows its key
         * material, if any, as the client certificate (default: the JDK's trust store, no client certificate,
         * host names checked). A listener shows its key material as the server certificate (required with
         * encryption) and its {@link TlsSettings#clientAuthentication()} says whether clients must show
         * certificates (mutual TLS).
         *
         * @throws NullPointerException when null
         */
        public B tls(TlsSettings tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return self();
        }

        /**
         * KeepAliveInterval (default 60 s); zero sends no Pings.
         *
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when negative
         */
        public B keepAlive(Duration keepAlive) {
            if (keepAlive.isNegative()) {
                throw new IllegalArgumentException("keep-alive must not be negative: " + keepAlive);
            }
            this.keepAlive = keepAlive;
            return self();
        }

        /**
         * The largest Record accepted (default 4 MiB).
         *
         * @throws IllegalArgumentException when under 1024 bytes
         */
        public B maxRecordSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("the Record size limit must be at least 1024 bytes: " + bytes);
            }
            this.maxRecordSize = bytes;
            return self();
        }

        /**
         * Whether to send a {@code websocket_connect} Record when a session opens (default true, as an Agent
         * must, R-MTP.6). A Controller built on this transport turns it off.
         */
        public B connectRecords(boolean send) {
            this.connectRecords = send;
            return self();
        }
    }
}
