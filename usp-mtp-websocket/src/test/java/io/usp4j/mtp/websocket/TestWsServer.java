package io.usp4j.mtp.websocket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Controller's side of a WebSocket link for the client-mode tests: a bare Netty WebSocket server, written
 * separately from the transport under test, that records the handshake, every frame as it came (so
 * fragmentation is visible), the messages they make up, Pings and Close statuses, and sends whatever a test
 * asks (whole, fragmented, text, malformed). It can stop and start again on the same port. Thread-safe.
 */
final class TestWsServer implements AutoCloseable {
    /** One handshake request. */
    record Handshake(String uri, Map<String, String> headers) {}

    /** One data frame: its opcode kind, payload and FIN bit. */
    record Frame(String kind, byte[] data, boolean fin) {}

    final String path;
    final BlockingQueue<Handshake> handshakes = new LinkedBlockingQueue<>();
    final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    final AtomicInteger pings = new AtomicInteger();
    final AtomicInteger pongs = new AtomicInteger();
    final CopyOnWriteArrayList<Channel> sessions = new CopyOnWriteArrayList<>();
    volatile boolean selectSubprotocol = true;
    volatile boolean answerPings = true;
    volatile String extensionAnswer;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private volatile Channel server;
    private volatile int port;

    TestWsServer(String path) {
        this.path = path;
    }

    /** Listens on 127.0.0.1: on a free port the first time, on the same port after {@link #stop}. */
    TestWsServer start() {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new HttpSide());
                    }
                }).bind("127.0.0.1", port).syncUninterruptibly().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
        return this;
    }

    int port() {
        return port;
    }

    /** Drops every connection (no Close frame: as a crash) and stops listening. */
    void stop() {
        server.close().syncUninterruptibly();
        for (Channel c : sessions) {
            c.close().syncUninterruptibly();
        }
        sessions.clear();
    }

    Channel session() {
        long end = System.currentTimeMillis() + 10_000;
        while (sessions.isEmpty() && System.currentTimeMillis() < end) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (sessions.isEmpty()) {
            throw new IllegalStateException("no session");
        }
        return sessions.get(sessions.size() - 1);
    }

    void send(byte[] record) {
        session().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record))).syncUninterruptibly();
    }

    /** Sends one message as {@code parts} frames: a binary frame and continuation frames. */
    void sendFragmented(byte[] record, int parts) {
        Channel c = session();
        int size = (record.length + parts - 1) / parts;
        for (int i = 0, off = 0; off < record.length; i++, off += size) {
            byte[] chunk = Arrays.copyOfRange(record, off, Math.min(record.length, off + size));
            boolean fin = off + size >= record.length;
            WebSocketFrame f = i == 0 ? new BinaryWebSocketFrame(fin, 0, Unpooled.wrappedBuffer(chunk))
                    : new ContinuationWebSocketFrame(fin, 0, Unpooled.wrappedBuffer(chunk));
            c.writeAndFlush(f).awaitUninterruptibly();
        }
    }

    void sendText(String text) {
        session().writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
    }

    void sendPing(byte[] data) {
        session().writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(data))).syncUninterruptibly();
    }

    void sendClose(int status) {
        session().writeAndFlush(new CloseWebSocketFrame(status, "test")).syncUninterruptibly();
    }

    byte[] message(long millis) throws InterruptedException {
        return messages.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stop();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class HttpSide extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            req.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
            handshakes.add(new Handshake(req.uri(), headers));
            String p = req.uri().contains("?") ? req.uri().substring(0, req.uri().indexOf('?')) : req.uri();
            if (!p.equals(path)) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            WebSocketServerHandshaker h = new WebSocketServerHandshakerFactory("ws://127.0.0.1" + path,
                    selectSubprotocol ? UspWebSocket.SUBPROTOCOL : null,
                    WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(1 << 24).build()).newHandshaker(req);
            HttpHeaders extra = new DefaultHttpHeaders();
            if (extensionAnswer != null) {
                extra.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, extensionAnswer);
            }
            Channel ch = ctx.channel();
            h.handshake(ch, req, extra, ch.newPromise()).addListener(f -> {
                if (f.isSuccess()) {
                    sessions.add(ch);
                }
            });
            ctx.pipeline().remove(this);
            ctx.pipeline().addLast(new WsSide());
        }
    }

    private final class WsSide extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            byte[] data = ByteBufUtil.getBytes(frame.content());
            if (frame instanceof PingWebSocketFrame) {
                pings.incrementAndGet();
                if (answerPings) {
                    ctx.writeAndFlush(new PongWebSocketFrame(Unpooled.wrappedBuffer(data)));
                }
            } else if (frame instanceof PongWebSocketFrame) {
                pongs.incrementAndGet();
            } else if (frame instanceof CloseWebSocketFrame close) {
                closes.add(close.statusCode());
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() < 0 ? 1000 : close.statusCode(), ""))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                String kind = frame instanceof BinaryWebSocketFrame ? "binary"
                        : frame instanceof TextWebSocketFrame ? "text" : "continuation";
                frames.add(new Frame(kind, data, frame.isFinalFragment()));
                partial.writeBytes(data);
                if (frame.isFinalFragment()) {
                    messages.add(partial.toByteArray());
                    partial.reset();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            sessions.remove(ctx.channel());
            ctx.fireChannelInactive();
        }
    }
}
