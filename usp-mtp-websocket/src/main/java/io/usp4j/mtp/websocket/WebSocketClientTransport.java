package io.usp4j.mtp.websocket;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslHandler;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.core.transport.RetryInterval;
import io.usp4j.core.transport.TransportException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket MTP as a client (TR-369 "WebSocket Binding", the Agent side of
 * {@code Device.LocalAgent.Controller.{i}.MTP.{i}.WebSocket.}): it dials one peer, keeps one session to it up,
 * and carries Records over it. A Controller dialling an Agent's listener uses it too, with
 * {@link WebSocketClientSettings#connectRecords()} off.
 *
 * <p><b>Connecting.</b> {@link #start} dials {@link WebSocketClientSettings#uri()}: the opening handshake
 * offers the {@code v1.usp} subprotocol (R-WS.10) and names this endpoint in the {@code eid} query parameter,
 * percent-encoded (R-WS.10b/c); a response without {@code v1.usp} is refused (R-WS.12); a response without
 * the {@code bbf-usp-protocol} extension is fine (R-WS.11b), and one with it names the peer. When the session
 * is up the {@code websocket_connect} Record goes first (R-MTP.6, R-MTP.8), then the receiver hears the peer
 * is reachable. A failed attempt or a lost session is retried after the R-WS.19 wait, whose count is reset
 * by every established session (R-WS.20) and starts at zero with each transport (R-WS.21).
 *
 * <p><b>TLS.</b> With {@link WebSocketClientSettings#encryption()} the connection is {@code wss}: the server's
 * certificate is checked against {@link WebSocketClientSettings#tls()}'s trust anchors and, unless turned off
 * there, against the host dialled; the client certificate, if configured, is shown (R-WS.22). An Endpoint ID
 * in the server certificate ({@code urn:bbf:usp:id:...}) is passed on as the authenticated sender of every
 * Record.
 *
 * <p><b>Records.</b> {@link #send} writes to the one session whatever the destination; with no session it
 * fails with {@link TransportException}. Inbound Records go to the receiver with this transport's
 * {@link #destination()} as the reply address. Frame handling is {@code WebSocketSession}'s: binary frames,
 * continuation frames joined, 1003 for what is not a Record, Ping keep-alive.
 *
 * <p>Thread-safe. All connection state lives on the transport's one event-loop thread; {@link #send} may be
 * called from any thread.
 */
public final class WebSocketClientTransport implements MessageTransport {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketClientTransport.class);

    /** The destination key holding the URI dialled. */
    public static final String URL = "ws-url";

    /** Where the connection stands. */
    public enum State {
        /** Not started yet. */
        NEW,
        /** Connecting, or waiting to retry. */
        CONNECTING,
        /** A session is up: Records can be sent. */
        CONNECTED,
        /** Closed. */
        CLOSED
    }

    /**
     * A snapshot of the connection.
     *
     * @param state where it stands
     * @param peerEndpointId the peer's Endpoint ID, configured or learnt; empty when unknown
     * @param retryCount the current retry count (TR-181 CurrentRetryCount): 0 while connected
     * @param connects sessions established so far
     * @param failures failed attempts and lost sessions so far
     * @param lastError what went wrong last; empty when nothing has
     */
    public record Status(State state, String peerEndpointId, int retryCount, long connects, long failures, String lastError) {}

    private final WebSocketClientSettings settings;
    private final RandomGenerator random;
    private final EventLoopGroup group;
    private final AtomicLong sessionIds = new AtomicLong();
    private volatile RecordReceiver receiver;
    private volatile WebSocketSession session;
    private volatile State state = State.NEW;
    private volatile String peerEndpointId;
    private volatile Destination destination;
    private volatile int retry;
    private volatile long connects;
    private volatile long failures;
    private volatile String lastError = "";
    /** Event loop only: an attempt is under way; the generation of the retry that may run. */
    private boolean attempting;
    private boolean resetting;
    private long retryGeneration;

    /**
     * Creates the transport; nothing connects before {@link #start}.
     *
     * @param settings where and how to connect
     */
    public WebSocketClientTransport(WebSocketClientSettings settings) {
        this(settings, RandomGenerator.getDefault());
    }

    WebSocketClientTransport(WebSocketClientSettings settings, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
        this.peerEndpointId = settings.peerEndpointId();
        this.destination = new Destination(peerEndpointId, Map.of(URL, settings.uri().toString()));
        this.group = EventLoops.group(1, "usp4j-ws-client-" + settings.host() + ":" + settings.port());
    }

    @Override
    public String protocol() {
        return "WebSocket";
    }

    /** The settings this transport was made with. */
    public WebSocketClientSettings settings() {
        return settings;
    }

    /** Where the connection stands now. Any thread. */
    public Status status() {
        return new Status(state, peerEndpointId, retry, connects, failures, lastError);
    }

    /** True while a session is up, so that {@link #send} can write. */
    public boolean isConnected() {
        WebSocketSession s = session;
        return state == State.CONNECTED && s != null && s.isOpen();
    }

    /** How the peer is addressed: its Endpoint ID (empty until known) and {@value #URL}. */
    public Destination destination() {
        return destination;
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
        onLoop(this::attempt);
    }

    /**
     * Sends one Record on the session.
     *
     * @return completes when written; fails with {@link TransportException} when no session is up
     */
    @Override
    public CompletionStage<Void> send(Destination destination, byte[] record) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(record, "record");
        WebSocketSession s = session;
        if (s == null || state != State.CONNECTED) {
            return CompletableFuture.failedFuture(new TransportException("no WebSocket session to " + settings));
        }
        return s.send(record);
    }

    /**
     * Drops the session (if any) and dials again at once with the retry count at zero: the TR-181
     * {@code WebSocket.Reset()} command.
     */
    public void reset() {
        onLoop(() -> {
            if (state == State.CLOSED) {
                return;
            }
            retry = 0;
            retryGeneration++;
            WebSocketSession s = session;
            if (s != null) {
                resetting = true;
                s.close(UspWebSocket.CLOSE_NORMAL, "reset");
            } else {
                attempt();
            }
        });
    }

    /**
     * Closes the session (Close 1001) and stops reconnecting, waiting (a few seconds at most) for the closing
     * handshake, unless called on the transport's own thread. Closing twice does nothing.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        boolean mayWait = !EventLoops.inside(group);
        WebSocketSession s = session;
        if (s != null) {
            s.close(UspWebSocket.CLOSE_GOING_AWAY, "endpoint shutting down");
            if (mayWait) {
                s.channel().closeFuture().awaitUninterruptibly(WebSocketSession.CLOSE_WAIT_MILLIS + 500);
            }
        }
        EventLoops.shutdown(group, mayWait);
    }

    private void onLoop(Runnable task) {
        try {
            group.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: transport closed; a task is dropped", settings);
        }
    }

    /** One connection attempt. Event loop. */
    private void attempt() {
        if (state == State.CLOSED || session != null || attempting) {
            return;
        }
        attempting = true;
        HttpHeaders headers = new DefaultHttpHeaders();
        if (settings.legacyExtension()) {
            headers.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, UspWebSocket.extensionHeader(settings.endpointId()));
        }
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(settings.uri(),
                WebSocketVersion.V13, UspWebSocket.SUBPROTOCOL, false, headers, settings.maxRecordSize());
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (settings.encryption()) {
                            // Host-name checking as the TLS settings say (on by default, R-WS.22).
                            p.addLast(new SslHandler(settings.tls().clientEngine(settings.host(), settings.port())));
                        }
                        p.addLast(new HttpClientCodec());
                        p.addLast(new HttpObjectAggregator(64 * 1024));
                        p.addLast(new Handshake(handshaker));
                    }
                });
        ChannelFuture connect = b.connect(settings.host(), settings.port());
        Channel ch = connect.channel();
        // The whole opening (TCP, TLS, HTTP upgrade) must finish within the connect timeout.
        ch.eventLoop().schedule(() -> {
            if (ch.isActive() && !handshaker.isHandshakeComplete()) {
                LOG.debug("{}: handshake timed out", settings);
                ch.close();
            }
        }, settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                attemptFailed("connect failed: " + f.cause());
            }
        });
    }

    /** The opening handshake of one attempt. */
    private final class Handshake extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final WebSocketClientHandshaker handshaker;
        private boolean done;

        Handshake(WebSocketClientHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel()).addListener(f -> {
                if (!f.isSuccess()) {
                    fail(ctx, "handshake request failed: " + f.cause());
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            String protocol = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
            try {
                handshaker.finishHandshake(ctx.channel(), response);
            } catch (RuntimeException e) {
                fail(ctx, "handshake refused: " + e.getMessage());
                return;
            }
            if (!UspWebSocket.SUBPROTOCOL.equals(protocol == null ? null : protocol.trim())) {
                // R-WS.12: no session unless the server chose v1.usp.
                fail(ctx, "the server did not accept the " + UspWebSocket.SUBPROTOCOL + " subprotocol (R-WS.12)");
                return;
            }
            done = true;
            String serverEid = UspWebSocket.eidFromExtensions(response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS));
            if (peerEndpointId.isEmpty() && serverEid != null && !serverEid.isEmpty()) {
                learnPeer(serverEid);
            }
            Channel ch = ctx.channel();
            String certified = PeerCertificates.endpointId(ch);
            if (certified != null && peerEndpointId.isEmpty()) {
                learnPeer(certified);
            } else if (certified != null && !certified.equals(peerEndpointId)) {
                LOG.warn("{}: the server's certificate names {}, not the configured {}", settings, certified, peerEndpointId);
            }
            WebSocketSession s = new WebSocketSession(ch, Long.toString(sessionIds.incrementAndGet()), settings.toString(),
                    settings.keepAlive(), peerEndpointId, certified, sessionListener);
            s.replaceHandshake(ctx, settings.maxRecordSize());
            sessionUp(s);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!done) {
                done = true;
                attemptFailed("connection closed during the handshake");
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, "handshake failed: " + cause);
        }

        private void fail(ChannelHandlerContext ctx, String why) {
            if (!done) {
                done = true;
                ctx.close();
                attemptFailed(why);
            }
        }
    }

    private final WebSocketSession.Listener sessionListener = new WebSocketSession.Listener() {
        @Override
        public void record(WebSocketSession s, byte[] record) {
            if (peerEndpointId.isEmpty() && !s.peerEndpointId().isEmpty()) {
                learnPeer(s.peerEndpointId());
            }
            RecordReceiver r = receiver;
            if (r != null && state != State.CLOSED) {
                r.onRecord(new InboundRecord(record, WebSocketClientTransport.this, destination, s.authenticatedEndpointId()));
            }
        }

        @Override
        public void closed(WebSocketSession s) {
            sessionDown(s);
        }
    };

    private void learnPeer(String endpointId) {
        peerEndpointId = endpointId;
        destination = new Destination(endpointId, Map.of(URL, settings.uri().toString()));
    }

    /** Event loop. */
    private void sessionUp(WebSocketSession s) {
        if (state == State.CLOSED) {
            s.close(UspWebSocket.CLOSE_GOING_AWAY, "endpoint shutting down");
            return;
        }
        attempting = false;
        retry = 0;
        connects++;
        LOG.info("{}: WebSocket session established", settings);
        if (settings.connectRecords() && !peerEndpointId.isEmpty()) {
            s.sendConnectRecord(settings.endpointId(), peerEndpointId);
        } else if (settings.connectRecords()) {
            LOG.warn("{}: the peer's Endpoint ID is unknown; no websocket_connect Record is sent", settings);
        }
        s.startKeepAlive();
        session = s;
        state = State.CONNECTED;
        RecordReceiver r = receiver;
        if (r != null) {
            r.onConnectionChange(destination, true);
        }
    }

    /** Event loop. */
    private void sessionDown(WebSocketSession s) {
        if (session != s) {
            return;
        }
        session = null;
        if (state == State.CLOSED) {
            return;
        }
        state = State.CONNECTING;
        failures++;
        lastError = "session lost" + (s.peerCloseStatus() > 0 ? " (peer closed with " + s.peerCloseStatus() + ")"
                : s.closeStatus() > 0 ? " (closed with " + s.closeStatus() + ")" : "");
        RecordReceiver r = receiver;
        if (r != null) {
            r.onConnectionChange(destination, false);
        }
        scheduleRetry(lastError);
    }

    /** Event loop. */
    private void attemptFailed(String why) {
        attempting = false;
        if (state == State.CLOSED) {
            return;
        }
        failures++;
        lastError = why;
        scheduleRetry(why);
    }

    private void scheduleRetry(String why) {
        if (resetting) {
            resetting = false;
            retry = 0;
            attempt();
            return;
        }
        retry++;
        long gen = ++retryGeneration;
        Duration wait = RetryInterval.of(settings.retryMinimumWait(), settings.retryMultiplier()).wait(retry, random);
        LOG.warn("{}: {}; retry {} in {} ms", settings, why, retry, wait.toMillis());
        try {
            group.schedule(() -> {
                if (gen == retryGeneration) {
                    attempt();
                }
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: transport closed; no retry", settings);
        }
    }

    @Override
    public String toString() {
        return settings + " (" + state + ")";
    }
}
