package io.usp4j.mtp.websocket;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer made of the JDK's own WebSocket client ({@code java.net.http.WebSocket}), the independent client
 * library of these tests: it collects whole binary messages, Pings and the Close status it is sent. The JDK
 * answers Pings with Pongs by itself. Thread-safe.
 */
final class JdkClient implements AutoCloseable {
    final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    final AtomicInteger pings = new AtomicInteger();
    final WebSocket socket;

    private JdkClient(WebSocket socket) {
        this.socket = socket;
    }

    /** Opens a session offering {@code v1.usp} (or no subprotocol when {@code subprotocol} is false). */
    static CompletableFuture<JdkClient> connect(String uri, boolean subprotocol) {
        Listener listener = new Listener();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocol) {
            b.subprotocols(UspWebSocket.SUBPROTOCOL);
        }
        return b.buildAsync(URI.create(uri), listener).thenApply(ws -> {
            JdkClient c = new JdkClient(ws);
            listener.client.complete(c);
            return c;
        });
    }

    static JdkClient open(String uri) throws Exception {
        return connect(uri, true).get(10, TimeUnit.SECONDS);
    }

    void send(byte[] record) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(record), true).get(5, TimeUnit.SECONDS);
    }

    /** Sends one message in {@code parts} frames (a binary frame and continuation frames). */
    void sendFragmented(byte[] record, int parts) throws Exception {
        int size = (record.length + parts - 1) / parts;
        for (int off = 0; off < record.length; off += size) {
            boolean last = off + size >= record.length;
            socket.sendBinary(ByteBuffer.wrap(record, off, Math.min(size, record.length - off)), last).get(5, TimeUnit.SECONDS);
        }
    }

    byte[] message() throws InterruptedException {
        return messages.poll(10, TimeUnit.SECONDS);
    }

    Integer closeStatus() throws InterruptedException {
        return closes.poll(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<JdkClient> client = new CompletableFuture<>();
        final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            partial.writeBytes(b);
            if (last) {
                byte[] whole = partial.toByteArray();
                partial.reset();
                client.thenAccept(c -> c.messages.add(whole));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            client.thenAccept(c -> c.pings.incrementAndGet());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            client.thenAccept(c -> c.closes.add(statusCode));
            return null;
        }
    }
}
