package io.usp4j.mtp.websocket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.core.transport.TransportException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket MTP as a server (TR-369 "WebSocket Binding", {@code Device.LocalAgent.MTP.{i}.WebSocket.}):
 * it listens for peers, accepts their sessions and carries Records over them (R-WS.6). A Controller that
 * accepts Agents uses it too, with {@link WebSocketServerSettings#connectRecords()} off.
 *
 * <p><b>Accepting.</b> A request for another path is answered 404; one that does not offer the {@code v1.usp}
 * subprotocol is answered 400 and no session is made (R-WS.12a); otherwise the response selects
 * {@code v1.usp} (R-WS.11). The peer's Endpoint ID is the {@code eid} query parameter (R-WS.10b/c), else the
 * {@code eid} of the deprecated {@code bbf-usp-protocol} extension (R-WS.10a), else the {@code from_id} of its
 * first Record; a request with the extension gets it back with this endpoint's ID (R-WS.11a), one without is
 * fine (R-WS.11c). There is at most one session per peer Endpoint ID (R-WS.4): a new session from a peer
 * that has one replaces it, and the old one is closed with 1001 (a peer that restarted may not have closed
 * its old connection). When a session whose peer is known opens, the {@code websocket_connect} Record goes
 * first (R-MTP.6), then the receiver hears the peer is reachable; when it closes, that it is not.
 *
 * <p><b>TLS.</b> With {@link WebSocketServerSettings#encryption()} connections are {@code wss}: the server shows
 * the certificate of {@link WebSocketServerSettings#tls()} and asks for client certificates as its
 * {@code clientAuthentication} says (mutual TLS, R-WS.22). An Endpoint ID in a client certificate
 * ({@code urn:bbf:usp:id:...}) names the peer when the handshake does not, and is passed on as the
 * authenticated sender of every Record.
 *
 * <p><b>Records.</b> {@link #send} writes to the session of the destination's Endpoint ID, else to the session
 * its {@value #SESSION} entry names; with neither it fails with {@link TransportException}. Inbound Records go
 * to the receiver with a destination holding the peer's Endpoint ID (empty until known), {@value #SESSION} and
 * {@value #REMOTE}. Frame handling is {@code WebSocketSession}'s.
 *
 * <p>Thread-safe: sessions live on the event loops; {@link #send} may be called from any thread.
 */
public final class WebSocketServerTransport implements MessageTransport {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketServerTransport.class);

    /** The destination key holding the session key. */
    public static final String SESSION = "ws-session";
    /** The destination key holding the peer's socket address. */
    public static final String REMOTE = "ws-remote";

    private final WebSocketServerSettings settings;
    private final EventLoopGroup group;
    private final ChannelGroup channels = new DefaultChannelGroup("usp4j-ws-server", GlobalEventExecutor.INSTANCE);
    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, WebSocketSession> byPeer = new ConcurrentHashMap<>();
    private final AtomicLong sessionIds = new AtomicLong();
    private volatile RecordReceiver receiver;
    private volatile Channel server;
    private volatile boolean closed;
    private volatile String name;

    /**
     * Creates the transport; nothing listens before {@link #start}.
     *
     * @param settings where and how to listen
     */
    public WebSocketServerTransport(WebSocketServerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.name = settings.toString();
        this.group = EventLoops.group(settings.ioThreads(), "usp4j-ws-server-" + settings.port());
    }

    @Override
    public String protocol() {
        return "WebSocket";
    }

    /** The settings this transport was made with. */
    public WebSocketServerSettings settings() {
        return settings;
    }

    /**
     * Binds and starts accepting; returns once listening.
     *
     * @throws IllegalStateException when already started or closed
     * @throws TransportException when the address cannot be bound
     */
    @Override
    public synchronized void start(RecordReceiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        if (this.receiver != null || closed) {
            throw new IllegalStateException("already started or closed");
        }
        this.receiver = receiver;
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        if (settings.encryption()) {
                            p.addLast(new SslHandler(settings.tls().serverEngine()));
                        }
                        p.addLast(new HttpServerCodec());
                        p.addLast(new HttpObjectAggregator(64 * 1024));
                        p.addLast(new Handshake());
                    }
                });
        // Not syncUninterruptibly(): it rethrows a failed bind's checked BindException undeclared.
        ChannelFuture bound = b.bind(settings.bindAddress(), settings.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new TransportException("cannot listen on " + settings + ": " + bound.cause(), bound.cause());
        }
        server = bound.channel();
        channels.add(server);
        name = endpointUri();
        LOG.info("WebSocket server listening on {}{}", name, settings.encryption() ? " (" + settings.tls() + ")" : "");
    }

    /**
     * Whether the transport listens: started, bound and not closed. Any thread.
     *
     * @return true while it accepts connections
     */
    public boolean isListening() {
        Channel s = server;
        return s != null && !closed && s.isActive();
    }

    /**
     * The port listened on.
     *
     * @throws IllegalStateException before {@link #start}
     */
    public int port() {
        Channel s = server;
        if (s == null) {
            throw new IllegalStateException("not listening");
        }
        return ((InetSocketAddress) s.localAddress()).getPort();
    }

    /** The URI peers dial, once started: {@code ws[s]://address:port/path}. */
    public String endpointUri() {
        String host = settings.bindAddress().indexOf(':') >= 0 ? "[" + settings.bindAddress() + "]" : settings.bindAddress();
        return settings.scheme() + "://" + host + ":" + port() + settings.path();
    }

    /** The Endpoint IDs of the peers with an open session (those that named themselves). Any thread. */
    public List<String> connectedPeers() {
        List<String> peers = new ArrayList<>();
        byPeer.forEach((id, s) -> {
            if (s.isOpen()) {
                peers.add(id);
            }
        });
        return peers;
    }

    /** How many sessions are open. Any thread. */
    public int sessionCount() {
        return (int) sessions.values().stream().filter(WebSocketSession::isOpen).count();
    }

    /** True while a session with the peer is open. Any thread. */
    public boolean isConnected(String peerEndpointId) {
        WebSocketSession s = byPeer.get(peerEndpointId);
        return s != null && s.isOpen();
    }

    /**
     * Sends one Record to a peer.
     *
     * @return completes when written; fails with {@link TransportException} when the peer has no session
     */
    @Override
    public CompletionStage<Void> send(Destination destination, byte[] record) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(record, "record");
        WebSocketSession s = destination.endpointId().isEmpty() ? null : byPeer.get(destination.endpointId());
        if (s == null && destination.get(SESSION) != null) {
            s = sessions.get(destination.get(SESSION));
        }
        if (s == null || !s.isOpen()) {
            return CompletableFuture.failedFuture(new TransportException("no WebSocket session with '"
                    + destination.endpointId() + "' on " + settings));
        }
        return s.send(record);
    }

    /**
     * Closes a peer's session (Close 1000), as when its Controller is disabled.
     *
     * @return whether it had one
     */
    public boolean disconnect(String peerEndpointId) {
        WebSocketSession s = byPeer.get(peerEndpointId);
        if (s == null) {
            return false;
        }
        s.close(UspWebSocket.CLOSE_NORMAL, "session closed by the endpoint");
        return true;
    }

    /**
     * Closes every session (Close 1001) and stops listening, waiting (a few seconds at most) for the closing
     * handshakes, unless called on the transport's own threads. Closing twice does nothing.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        boolean mayWait = !EventLoops.inside(group);
        Channel s = server;
        if (s != null) {
            s.close();
        }
        List<WebSocketSession> open = new ArrayList<>(sessions.values());
        for (WebSocketSession session : open) {
            session.close(UspWebSocket.CLOSE_GOING_AWAY, "endpoint shutting down");
        }
        if (mayWait) {
            if (s != null) {
                s.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
            for (WebSocketSession session : open) {
                session.channel().closeFuture().awaitUninterruptibly(WebSocketSession.CLOSE_WAIT_MILLIS + 500);
            }
        }
        io.netty.util.concurrent.Future<?> closing = channels.close();
        if (mayWait) {
            closing.awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        EventLoops.shutdown(group, mayWait);
    }

    /** The session's address, made again only when its peer's Endpoint ID changes (once, when learnt). */
    private Destination destination(WebSocketSession s) {
        Destination d = s.destination;
        if (d == null || !d.endpointId().equals(s.peerEndpointId())) {
            d = new Destination(s.peerEndpointId(), Map.of(SESSION, s.id(), REMOTE, String.valueOf(s.channel().remoteAddress())));
            s.destination = d;
        }
        return d;
    }

    /** The HTTP side of one connection, until it upgrades. Event loop. */
    private final class Handshake extends SimpleChannelInboundHandler<FullHttpRequest> {
        private boolean upgraded;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.executor().schedule(() -> {
                if (!upgraded && ctx.channel().isActive()) {
                    LOG.debug("{}: no WebSocket handshake from {} in time; closing", name, ctx.channel().remoteAddress());
                    ctx.close();
                }
            }, settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (!req.decoderResult().isSuccess()) {
                refuse(ctx, HttpResponseStatus.BAD_REQUEST, "bad request");
                return;
            }
            String uri = req.uri();
            int q = uri.indexOf('?');
            String path = q < 0 ? uri : uri.substring(0, q);
            String query = q < 0 ? null : uri.substring(q + 1);
            if (!path.equals(settings.path())) {
                refuse(ctx, HttpResponseStatus.NOT_FOUND, "no USP endpoint at " + path);
                return;
            }
            if (req.method() != HttpMethod.GET
                    || !req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
                refuse(ctx, HttpResponseStatus.BAD_REQUEST, "a WebSocket upgrade is expected");
                return;
            }
            if (!UspWebSocket.offersUsp(req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))) {
                // R-WS.12a
                LOG.warn("{}: refusing {}: no {} subprotocol", name, ctx.channel().remoteAddress(), UspWebSocket.SUBPROTOCOL);
                refuse(ctx, HttpResponseStatus.BAD_REQUEST, "the " + UspWebSocket.SUBPROTOCOL + " subprotocol is required");
                return;
            }
            String eid = UspWebSocket.eidFromQuery(query);
            String extensionEid = UspWebSocket.eidFromExtensions(req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS));
            if (eid == null && extensionEid != null && !extensionEid.isEmpty()) {
                eid = extensionEid;
            }
            String certified = PeerCertificates.endpointId(ctx.channel());
            if (certified != null && eid == null) {
                eid = certified;
            } else if (certified != null && !certified.equals(eid)) {
                LOG.warn("{}: {} names itself {} but its certificate says {}", name, ctx.channel().remoteAddress(), eid,
                        certified);
            }
            WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(settings.maxRecordSize())
                    .expectMaskedFrames(true)
                    .allowExtensions(false)
                    .build();
            String location = settings.scheme() + "://" + req.headers().get(HttpHeaderNames.HOST, "localhost")
                    + settings.path();
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, UspWebSocket.SUBPROTOCOL,
                    decoder).newHandshaker(req);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            HttpHeaders extra = new DefaultHttpHeaders();
            if (extensionEid != null) {
                // R-WS.11a: answer the deprecated extension with our own Endpoint ID.
                extra.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, UspWebSocket.extensionHeader(settings.endpointId()));
            }
            upgraded = true;
            Channel ch = ctx.channel();
            String id = Long.toString(sessionIds.incrementAndGet());
            String sessionName = name + " session " + id + (eid == null ? "" : " with " + eid);
            WebSocketSession s = new WebSocketSession(ch, id, sessionName, settings.keepAlive(), eid, certified, sessionListener);
            String peer = eid;
            handshaker.handshake(ch, req, extra, ch.newPromise()).addListener(f -> {
                if (f.isSuccess()) {
                    opened(s, peer);
                } else {
                    LOG.warn("{}: handshake with {} failed: {}", name, ch.remoteAddress(), f.cause().toString());
                    ch.close();
                }
            });
            // Same event-loop turn as the handshake: no frame can arrive before these handlers are in place.
            s.replaceHandshake(ctx, settings.maxRecordSize());
        }

        private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String why) {
            FullHttpResponse r = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(why + "\n", StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
            HttpUtil.setContentLength(r, r.content().readableBytes());
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{}: connection from {} failed before the upgrade: {}", name, ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    /** The handshake response is written. Event loop. */
    private void opened(WebSocketSession s, String peer) {
        if (closed) {
            s.close(UspWebSocket.CLOSE_GOING_AWAY, "endpoint shutting down");
            return;
        }
        sessions.put(s.id(), s);
        if (peer != null) {
            WebSocketSession old = byPeer.put(peer, s);
            if (old != null && old != s) {
                // R-WS.4: one session per pair of endpoints; the newest wins.
                LOG.warn("{}: {} opened a new session; closing its old one", name, peer);
                old.close(UspWebSocket.CLOSE_GOING_AWAY, "replaced by a new session");
            }
        }
        LOG.info("{}: session {} opened from {} ({})", name, s.id(), s.channel().remoteAddress(),
                peer == null ? "no eid" : peer);
        if (peer != null && settings.connectRecords()) {
            s.sendConnectRecord(settings.endpointId(), peer);
        }
        s.startKeepAlive();
        if (peer != null) {
            RecordReceiver r = receiver;
            if (r != null) {
                r.onConnectionChange(destination(s), true);
            }
        }
    }

    private final WebSocketSession.Listener sessionListener = new WebSocketSession.Listener() {
        @Override
        public void record(WebSocketSession s, byte[] record) {
            RecordReceiver r = receiver;
            if (r == null || closed) {
                return;
            }
            String peer = s.peerEndpointId();
            if (!peer.isEmpty() && !byPeer.containsKey(peer)) {
                // Learnt from the first Record: the peer named itself neither in the handshake.
                WebSocketSession old = byPeer.putIfAbsent(peer, s);
                if (old == null) {
                    r.onConnectionChange(destination(s), true);
                }
            }
            r.onRecord(new InboundRecord(record, WebSocketServerTransport.this, destination(s), s.authenticatedEndpointId()));
        }

        @Override
        public void closed(WebSocketSession s) {
            sessions.remove(s.id());
            String peer = s.peerEndpointId();
            boolean wasCurrent = !peer.isEmpty() && byPeer.remove(peer, s);
            LOG.info("{}: session {} with {} closed", name, s.id(), peer.isEmpty() ? s.channel().remoteAddress() : peer);
            RecordReceiver r = receiver;
            if (wasCurrent && r != null && !closed) {
                r.onConnectionChange(destination(s), false);
            }
        }
    };

    @Override
    public String toString() {
        return name;
    }
}
