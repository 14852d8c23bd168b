package io.usp4j.mtp.websocket;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;
import io.usp4j.core.record.MalformedRecordException;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.TransportException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established USP WebSocket session, client or server side: the last handler of the channel's pipeline,
 * after the RFC 6455 frame codec and a {@code WebSocketFrameAggregator} that joins continuation frames into
 * one message (R-WS.14b).
 *
 * <p>Inbound: a binary message is one Record (R-WS.14); one that does not decode as a Record, and any text
 * message, closes the session with 1003 (R-WS.16); a message over the size limit closes it with 1009. Pings
 * are answered with Pongs; a Close is answered with a Close and the connection dropped (R-WS.8, R-WS.13).
 * Outbound: each Record is one unfragmented binary frame (R-WS.14a). Keep-alive: a Ping every keep-alive
 * interval (R-WS.17); a peer from which nothing (not even a Pong) has arrived for two intervals is lost and
 * the connection is dropped.
 *
 * <p>Its state belongs to the channel's event loop; {@link #send} and {@link #close(int, String)} may be
 * called from any thread.
 */
final class WebSocketSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketSession.class);
    /** How long to wait for the peer's Close after sending ours before dropping the connection. */
    static final long CLOSE_WAIT_MILLIS = 2000;

    /** What the session reports to its transport, on the event loop. */
    interface Listener {
        /** A Record arrived; it decodes as a Record. */
        void record(WebSocketSession session, byte[] record);

        /** The connection is gone. */
        void closed(WebSocketSession session);
    }

    private final Channel channel;
    private final String id;
    private final String name;
    private final Duration keepAlive;
    private final Listener listener;
    private volatile String peerEndpointId;
    private final String authenticatedEndpointId;
    /** Event loop only. */
    private long lastRead = System.nanoTime();
    private ScheduledFuture<?> pinger;
    private volatile boolean closeSent;
    private volatile int closeStatus = -1;
    private volatile int peerCloseStatus = -1;
    /** The transport's address of this session, cached by it. */
    volatile io.usp4j.core.transport.Destination destination;

    WebSocketSession(Channel channel, String id, String name, Duration keepAlive, String peerEndpointId,
            String authenticatedEndpointId, Listener listener) {
        this.channel = channel;
        this.id = id;
        this.name = name;
        this.keepAlive = keepAlive;
        this.peerEndpointId = peerEndpointId == null ? "" : peerEndpointId;
        this.authenticatedEndpointId = authenticatedEndpointId;
        this.listener = listener;
    }

    /** The session's key, unique within its transport. */
    String id() {
        return id;
    }

    /** The peer's Endpoint ID: from the handshake, else from the first Record's from_id; empty until known. */
    String peerEndpointId() {
        return peerEndpointId;
    }

    void peerEndpointId(String endpointId) {
        this.peerEndpointId = endpointId;
    }

    /** The peer's Endpoint ID as its TLS certificate proves it; null when not authenticated. */
    String authenticatedEndpointId() {
        return authenticatedEndpointId;
    }

    Channel channel() {
        return channel;
    }

    boolean isOpen() {
        return channel.isActive() && !closeSent;
    }

    /** The status of the Close this side sent; -1 when none. */
    int closeStatus() {
        return closeStatus;
    }

    /** The status of the Close the peer sent; -1 when none (or none with a status). */
    int peerCloseStatus() {
        return peerCloseStatus;
    }

    /**
     * Takes the place of the handshake handler of {@code ctx} at the end of the pipeline, behind a
     * {@code WebSocketFrameAggregator} that joins fragments up to {@code maxRecordSize} bytes. Event loop, in
     * the turn that completes the handshake, so that no frame arrives before.
     */
    void replaceHandshake(ChannelHandlerContext ctx, int maxRecordSize) {
        ChannelPipeline p = ctx.pipeline();
        p.remove(ctx.handler());
        p.addLast(new WebSocketFrameAggregator(maxRecordSize));
        p.addLast(this);
    }

    /**
     * Sends the {@code websocket_connect} Record (R-MTP.6) from this endpoint to the peer; a failure is logged.
     * Any thread.
     */
    void sendConnectRecord(String fromId, String peer) {
        send(ConnectRecord.encode(fromId, peer)).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("{}: could not send websocket_connect to {}: {}", name, peer, failure.toString());
            }
        });
    }

    /** Starts the keep-alive Pings. Call once, after the handshake; any thread. */
    void startKeepAlive() {
        if (keepAlive.isZero()) {
            return;
        }
        long nanos = keepAlive.toNanos();
        channel.eventLoop().execute(() -> {
            lastRead = System.nanoTime();
            pinger = channel.eventLoop().scheduleAtFixedRate(this::ping, nanos, nanos, TimeUnit.NANOSECONDS);
        });
    }

    private void ping() {
        if (!channel.isActive()) {
            return;
        }
        if (System.nanoTime() - lastRead > 2 * keepAlive.toNanos()) {
            LOG.warn("{}: nothing from the peer for {} s; the session is lost", name, 2 * keepAlive.toSeconds());
            closeStatus = UspWebSocket.CLOSE_GOING_AWAY;
            channel.close();
            return;
        }
        channel.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER)).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    /**
     * Sends one Record as one binary frame.
     *
     * @return completes when written to the socket; fails with {@link TransportException} when the session is
     *     closed or the write fails
     */
    CompletionStage<Void> send(byte[] record) {
        if (!isOpen()) {
            return CompletableFuture.failedFuture(new TransportException(name + ": the WebSocket session is closed"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record))).addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new TransportException(name + ": WebSocket write failed: " + f.cause(), f.cause()));
            }
        });
        return done;
    }

    /** Starts the closing handshake with a status and reason; the connection drops when the peer answers or after a wait. */
    void close(int status, String reason) {
        if (channel.eventLoop().inEventLoop()) {
            doClose(status, reason);
        } else {
            channel.eventLoop().execute(() -> doClose(status, reason));
        }
    }

    private void doClose(int status, String reason) {
        if (closeSent || !channel.isActive()) {
            return;
        }
        closeSent = true;
        closeStatus = status;
        channel.writeAndFlush(new CloseWebSocketFrame(status, reason));
        channel.eventLoop().schedule(() -> {
            if (channel.isActive()) {
                LOG.debug("{}: no Close from the peer within {} ms; dropping the connection", name, CLOSE_WAIT_MILLIS);
                channel.close();
            }
        }, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastRead = System.nanoTime();
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (frame instanceof BinaryWebSocketFrame) {
                onBinary(ByteBufUtil.getBytes(frame.content()));
            } else if (frame instanceof PingWebSocketFrame) {
                if (!closeSent) {
                    ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
                }
            } else if (frame instanceof PongWebSocketFrame) {
                LOG.trace("{}: pong", name);
            } else if (frame instanceof CloseWebSocketFrame close) {
                onClose(ctx, close);
            } else if (frame instanceof TextWebSocketFrame) {
                LOG.warn("{}: a text message is not a USP Record; closing with 1003 (R-WS.16)", name);
                doClose(UspWebSocket.CLOSE_UNSUPPORTED_DATA, "USP Records travel in binary frames");
            } else {
                LOG.warn("{}: unexpected frame {}; closing with 1002", name, frame.getClass().getSimpleName());
                doClose(1002, "unexpected frame");
            }
        } finally {
            frame.release();
        }
    }

    private void onBinary(byte[] bytes) {
        if (closeSent) {
            return;
        }
        try {
            RecordCodec.decode(bytes);
        } catch (MalformedRecordException e) {
            LOG.warn("{}: a binary message of {} bytes is not a USP Record ({}); closing with 1003 (R-WS.16)", name,
                    bytes.length, e.getMessage());
            doClose(UspWebSocket.CLOSE_UNSUPPORTED_DATA, "not a USP Record");
            return;
        }
        if (peerEndpointId.isEmpty()) {
            String from = RecordPeek.fromId(bytes);
            if (!from.isEmpty()) {
                peerEndpointId = from;
            }
        }
        listener.record(this, bytes);
    }

    private void onClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        peerCloseStatus = close.statusCode();
        LOG.info("{}: the peer closed the session ({} {})", name, close.statusCode(), close.reasonText());
        if (closeSent) {
            ctx.close();
        } else {
            closeSent = true;
            // RFC 6455 §5.5.1: answer with a Close echoing the status, then drop the TCP connection.
            int status = close.statusCode() < 0 ? UspWebSocket.CLOSE_NORMAL : close.statusCode();
            closeStatus = status;
            ctx.writeAndFlush(new CloseWebSocketFrame(status, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pinger != null) {
            pinger.cancel(false);
        }
        listener.closed(this);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            LOG.warn("{}: a message exceeds the size limit ({}); closing with 1009", name, cause.getMessage());
            doClose(UspWebSocket.CLOSE_TOO_BIG, "message too big");
        } else if (cause instanceof CorruptedFrameException) {
            LOG.warn("{}: protocol error ({}); closing with 1002", name, cause.getMessage());
            doClose(1002, "protocol error");
        } else {
            LOG.warn("{}: {}; dropping the connection", name, cause.toString());
            ctx.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
