package io.usp4j.mtp.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.TransportException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link WebSocketClientTransport} against a bare Netty WebSocket server on 127.0.0.1 ({@link TestWsServer}):
 * the opening handshake, the connect Record, Records both ways, fragmentation, 1003 for what is not a Record,
 * keep-alive, refusal without {@code v1.usp}, and reconnecting after the peer restarts.
 */
@Timeout(60)
class ClientTransportTest {
    static final String AGENT = "proto::ws-agent%1";
    static final String CONTROLLER = "proto::ws-controller";

    TestWsServer server;
    WebSocketClientTransport transport;
    final Recorder recorder = new Recorder();

    @BeforeEach
    void startServer() {
        server = new TestWsServer("/usp").start();
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        server.close();
    }

    WebSocketClientSettings.Builder settings() {
        return WebSocketClientSettings.builder(AGENT, "127.0.0.1", server.port())
                .path("/usp")
                .peerEndpointId(CONTROLLER)
                .sessionRetry(Duration.ofMillis(100), 2000)
                .connectTimeout(Duration.ofSeconds(5));
    }

    void connect(WebSocketClientSettings s) throws InterruptedException {
        transport = new WebSocketClientTransport(s);
        transport.start(recorder);
        Recorder.await(transport::isConnected);
    }

    @Test
    void handshakeOffersTheSubprotocolAndNamesTheAgentInTheQuery() throws Exception {
        connect(settings().build());
        TestWsServer.Handshake h = server.handshakes.poll(5, TimeUnit.SECONDS);
        assertThat(h).isNotNull();
        // R-WS.10b/c: the eid query parameter, percent-encoded as opaque data (% becomes %25).
        assertThat(h.uri()).isEqualTo("/usp?eid=proto::ws-agent%251");
        assertThat(h.headers().get("Sec-WebSocket-Protocol")).isEqualTo("v1.usp");
        // R-WS.10a is deprecated: no extension unless asked for.
        assertThat(h.headers()).doesNotContainKey("Sec-WebSocket-Extensions");
    }

    @Test
    void theConnectRecordComesFirstThenRecordsFlowBothWays() throws Exception {
        connect(settings().build());
        Recorder.Change up = recorder.change();
        assertThat(up.up()).isTrue();
        assertThat(up.destination().endpointId()).isEqualTo(CONTROLLER);

        TestWsServer.Frame first = server.frames.poll(5, TimeUnit.SECONDS);
        assertThat(first.kind()).isEqualTo("binary");
        assertThat(first.fin()).isTrue();
        Record connect = RecordCodec.decode(first.data());
        assertThat(connect.hasWebsocketConnect()).isTrue();
        assertThat(connect.getFromId()).isEqualTo(AGENT);
        assertThat(connect.getToId()).isEqualTo(CONTROLLER);
        assertThat(connect.getVersion()).isEqualTo("1.4");

        byte[] in = Records.getRecord(CONTROLLER, AGENT, "m1", "Device.LocalAgent.EndpointID");
        server.send(in);
        InboundRecord r = recorder.record();
        assertThat(r.bytes()).isEqualTo(in);
        assertThat(r.transport()).isSameAs(transport);
        assertThat(r.replyTo()).isEqualTo(transport.destination());

        byte[] out = Records.getRecord(AGENT, CONTROLLER, "m2", "Device.");
        transport.send(r.replyTo(), out).toCompletableFuture().get(5, TimeUnit.SECONDS);
        TestWsServer.Frame f = server.frames.poll(5, TimeUnit.SECONDS);
        // R-WS.14 / 14a: one Record, one binary frame, not fragmented.
        assertThat(f.kind()).isEqualTo("binary");
        assertThat(f.fin()).isTrue();
        assertThat(f.data()).isEqualTo(out);
    }

    @Test
    void aRecordSplitOverContinuationFramesArrivesWhole() throws Exception {
        connect(settings().build());
        byte[] in = Records.getRecord(CONTROLLER, AGENT, "frag", "Device.LocalAgent.Controller.*.EndpointID");
        server.sendFragmented(in, 4);
        InboundRecord r = recorder.record();
        assertThat(r).isNotNull();
        assertThat(r.bytes()).isEqualTo(in);
        assertThat(transport.isConnected()).isTrue();
    }

    @Test
    void bytesThatAreNotARecordCloseTheSessionWith1003() throws Exception {
        connect(settings().build());
        server.send(Records.garbage());
        assertThat(server.closes.poll(5, TimeUnit.SECONDS)).isEqualTo(1003);
        assertThat(recorder.records).isEmpty();
        // and the agent dials again
        Recorder.await(() -> transport.status().connects() == 2);
    }

    @Test
    void aTextMessageClosesTheSessionWith1003() throws Exception {
        connect(settings().build());
        server.sendText("hello");
        assertThat(server.closes.poll(5, TimeUnit.SECONDS)).isEqualTo(1003);
    }

    @Test
    void aMessageOverTheLimitClosesTheSessionWith1009() throws Exception {
        connect(settings().maxRecordSize(1024).build());
        server.sendFragmented(new byte[4096], 8);
        assertThat(server.closes.poll(5, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    @Test
    void withoutTheSubprotocolInTheResponseNoSessionIsMade() throws Exception {
        server.selectSubprotocol = false;
        transport = new WebSocketClientTransport(settings().build());
        transport.start(recorder);
        // R-WS.12: the handshake is refused and retried.
        Recorder.await(() -> transport.status().failures() >= 2);
        assertThat(transport.isConnected()).isFalse();
        assertThat(transport.status().connects()).isZero();
        assertThat(transport.status().lastError()).contains("subprotocol");
        assertThat(recorder.changes).isEmpty();
        server.selectSubprotocol = true;
        Recorder.await(transport::isConnected);
    }

    @Test
    void theExtensionIsSentOnlyWhenAskedAndTheServersEidIsLearnt() throws Exception {
        server.extensionAnswer = "bbf-usp-protocol; eid=\"proto::from-extension\"";
        connect(settings().peerEndpointId("").legacyExtension(true).build());
        TestWsServer.Handshake h = server.handshakes.poll(5, TimeUnit.SECONDS);
        assertThat(h.headers().get("Sec-WebSocket-Extensions")).isEqualTo("bbf-usp-protocol; eid=\"proto::ws-agent%1\"");
        assertThat(transport.destination().endpointId()).isEqualTo("proto::from-extension");
        Record connect = RecordCodec.decode(server.message(5000));
        assertThat(connect.getToId()).isEqualTo("proto::from-extension");
    }

    @Test
    void anUnknownPeerIsLearntFromItsFirstRecord() throws Exception {
        connect(settings().peerEndpointId("").build());
        server.send(Records.getRecord(CONTROLLER, AGENT, "m1", "Device."));
        InboundRecord r = recorder.record();
        assertThat(r.replyTo().endpointId()).isEqualTo(CONTROLLER);
        assertThat(transport.status().peerEndpointId()).isEqualTo(CONTROLLER);
    }

    @Test
    void noConnectRecordWhenTurnedOff() throws Exception {
        connect(settings().connectRecords(false).build());
        byte[] out = Records.getRecord(AGENT, CONTROLLER, "m1", "Device.");
        transport.send(Destination.of(CONTROLLER), out).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(server.message(5000)).isEqualTo(out);
    }

    @Test
    void pingsAreSentAtTheKeepAliveIntervalAndAnswered() throws Exception {
        connect(settings().keepAlive(Duration.ofMillis(200)).build());
        Recorder.await(() -> server.pings.get() >= 3);
        server.sendPing(new byte[] {1, 2, 3});
        Recorder.await(() -> server.pongs.get() >= 1);
        assertThat(transport.isConnected()).isTrue();
    }

    @Test
    void aPeerThatStopsAnsweringIsDroppedAndRedialled() throws Exception {
        server.answerPings = false;
        connect(settings().keepAlive(Duration.ofMillis(400)).build());
        Recorder.await(() -> transport.status().failures() >= 1);
        assertThat(recorder.changes.stream().anyMatch(c -> !c.up())).isTrue();
        Recorder.await(() -> transport.status().connects() >= 2);
    }

    @Test
    void aCloseFromThePeerIsAnsweredWithAClose() throws Exception {
        connect(settings().build());
        server.frames.poll(5, TimeUnit.SECONDS);
        server.sendClose(1000);
        Recorder.await(() -> !transport.isConnected() || transport.status().connects() >= 2);
        Recorder.Change up = recorder.change();
        Recorder.Change down = recorder.change();
        assertThat(up.up()).isTrue();
        assertThat(down.up()).isFalse();
    }

    @Test
    void sendFailsWithoutASession() throws Exception {
        transport = new WebSocketClientTransport(settings().build());
        assertThat(transport.send(Destination.of(CONTROLLER), new byte[] {1}).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TransportException.class);
    }

    @Test
    void afterThePeerRestartsTheSessionComesBackAndTheRetryCountIsReset() throws Exception {
        connect(settings().build());
        assertThat(recorder.change().up()).isTrue();
        server.stop();
        Recorder.Change down = recorder.change();
        assertThat(down.up()).isFalse();
        assertThat(transport.send(Destination.of(CONTROLLER), new byte[] {1}).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(1));
        Recorder.await(() -> transport.status().retryCount() >= 2);
        server.start();
        Recorder.await(transport::isConnected);
        assertThat(recorder.change().up()).isTrue();
        // R-WS.20
        assertThat(transport.status().retryCount()).isZero();
        assertThat(transport.status().connects()).isEqualTo(2);
        Record connect = RecordCodec.decode(server.message(5000));
        assertThat(connect.hasWebsocketConnect()).isTrue();
    }

    @Test
    void retriesWaitAsR_WS_19Says() throws Exception {
        server.stop();
        // The random pick at the bottom of each range (nextDouble() = 0): with m = 200 ms and k = 2000, waits of
        // exactly 200 and 400 ms before attempts 2 and 3 (the ranges themselves are RetryIntervalTest's business).
        RandomGenerator bottom = () -> 0L;
        transport = new WebSocketClientTransport(settings().sessionRetry(Duration.ofMillis(200), 2000).build(), bottom);
        long t0 = System.nanoTime();
        transport.start(recorder);
        Recorder.await(() -> transport.status().retryCount() >= 3);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(elapsed).isBetween(600L, 2500L);
        assertThat(transport.status().failures()).isEqualTo(3);
        assertThat(transport.status().state()).isEqualTo(WebSocketClientTransport.State.CONNECTING);
    }

    @Test
    void closingFromTheReceiverCallbackDoesNotBlock() throws Exception {
        java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
        transport = new WebSocketClientTransport(settings().build());
        transport.start(new io.usp4j.core.transport.RecordReceiver() {
            @Override
            public void onRecord(InboundRecord record) {
                try {
                    transport.close();
                    outcome.complete(null);
                } catch (RuntimeException e) {
                    outcome.complete(e);
                }
            }
        });
        Recorder.await(transport::isConnected);
        server.send(Records.getRecord(CONTROLLER, AGENT, "m", "Device."));
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(transport.status().state()).isEqualTo(WebSocketClientTransport.State.CLOSED);
        assertThat(server.closes.poll(5, TimeUnit.SECONDS)).isEqualTo(1001);
    }

    @Test
    void resetRedialsAtOnce() throws Exception {
        connect(settings().sessionRetry(Duration.ofSeconds(30), 2000).build());
        transport.reset();
        Recorder.await(() -> transport.status().connects() == 2);
        assertThat(transport.status().retryCount()).isZero();
    }
}
