package io.usp4j.mtp.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.TransportException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link WebSocketServerTransport} on 127.0.0.1 with the JDK's WebSocket client as the Controller: accepting
 * and refusing handshakes, the eid, the connect Record, Records both ways, one session per peer, 1003,
 * fragmentation, the closing handshake and keep-alive.
 */
@Timeout(60)
class ServerTransportTest {
    static final String AGENT = "proto::ws-server-agent";
    static final String CONTROLLER = "proto::jdk-controller%x";

    WebSocketServerTransport transport;
    final Recorder recorder = new Recorder();

    @BeforeEach
    void listen() {
        start(WebSocketServerSettings.builder(AGENT, "127.0.0.1", 0).path("/usp").build());
    }

    void start(WebSocketServerSettings s) {
        if (transport != null) {
            transport.close();
        }
        transport = new WebSocketServerTransport(s);
        transport.start(recorder);
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    String uri(String eid) {
        return transport.endpointUri() + (eid == null ? "" : "?eid=" + UspWebSocket.encodeEid(eid));
    }

    @Test
    void aControllerNamedByEidGetsTheConnectRecordFirstAndRecordsFlowBothWays() throws Exception {
        try (JdkClient c = JdkClient.open(uri(CONTROLLER))) {
            Recorder.Change up = recorder.change();
            assertThat(up.up()).isTrue();
            assertThat(up.destination().endpointId()).isEqualTo(CONTROLLER);
            assertThat(transport.connectedPeers()).containsExactly(CONTROLLER);
            Record connect = RecordCodec.decode(c.message());
            assertThat(connect.hasWebsocketConnect()).isTrue();
            assertThat(connect.getToId()).isEqualTo(CONTROLLER);
            assertThat(connect.getFromId()).isEqualTo(AGENT);
            assertThat(c.socket.getSubprotocol()).isEqualTo("v1.usp");

            byte[] in = Records.getRecord(CONTROLLER, AGENT, "m1", "Device.");
            c.send(in);
            InboundRecord r = recorder.record();
            assertThat(r.bytes()).isEqualTo(in);
            assertThat(r.replyTo().endpointId()).isEqualTo(CONTROLLER);
            assertThat(r.replyTo().get(WebSocketServerTransport.SESSION)).isNotEmpty();

            byte[] out = Records.getRecord(AGENT, CONTROLLER, "m2", "Device.");
            transport.send(r.replyTo(), out).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(c.message()).isEqualTo(out);
            // Addressed by Endpoint ID alone, as a notification is.
            transport.send(Destination.of(CONTROLLER), out).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(c.message()).isEqualTo(out);
        }
        Recorder.Change down = recorder.change();
        assertThat(down.up()).isFalse();
        assertThat(down.destination().endpointId()).isEqualTo(CONTROLLER);
    }

    @Test
    void aRequestWithoutTheSubprotocolIsRefused() throws Exception {
        // R-WS.12a
        assertThat(JdkClient.connect(uri(CONTROLLER), false))
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) JdkClient.connect(uri(CONTROLLER), false)
                .handle((ok, e) -> e.getCause()).get(10, TimeUnit.SECONDS)).getResponse().statusCode()).isEqualTo(400);
        assertThat(transport.sessionCount()).isZero();
        assertThat(recorder.changes).isEmpty();
    }

    @Test
    void aPortInUseFailsTheStartWithATransportException() {
        WebSocketServerTransport second = new WebSocketServerTransport(
                WebSocketServerSettings.builder(AGENT, "127.0.0.1", transport.port()).path("/usp").build());
        try {
            assertThatThrownBy(() -> second.start(new Recorder())).isInstanceOf(TransportException.class)
                    .hasMessageContaining("cannot listen on ws://127.0.0.1:" + transport.port());
        } finally {
            second.close();
        }
    }

    @Test
    void anotherPathIsNotFound() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + transport.port() + "/other")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + transport.port() + "/usp")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
    }

    @Test
    void aSecondSessionFromTheSamePeerReplacesTheFirst() throws Exception {
        // R-WS.4, TP-469 7.2
        try (JdkClient first = JdkClient.open(uri(CONTROLLER)); JdkClient second = JdkClient.open(uri(CONTROLLER))) {
            assertThat(first.closeStatus()).isEqualTo(1001);
            Recorder.await(() -> transport.sessionCount() == 1);
            assertThat(transport.connectedPeers()).containsExactly(CONTROLLER);
            first.message();
            assertThat(RecordCodec.decode(second.message()).hasWebsocketConnect()).isTrue();
            byte[] out = Records.getRecord(AGENT, CONTROLLER, "m", "Device.");
            transport.send(Destination.of(CONTROLLER), out).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(second.message()).isEqualTo(out);
            assertThat(transport.isConnected(CONTROLLER)).isTrue();
        }
    }

    @Test
    void bytesThatAreNotARecordCloseTheSessionWith1003() throws Exception {
        // R-WS.16, TP-469 7.6
        try (JdkClient c = JdkClient.open(uri(CONTROLLER))) {
            c.send(Records.garbage());
            assertThat(c.closeStatus()).isEqualTo(1003);
            assertThat(recorder.records).isEmpty();
        }
    }

    @Test
    void aFragmentedRecordIsReassembled() throws Exception {
        // R-WS.14b, TP-469 7.12
        try (JdkClient c = JdkClient.open(uri(CONTROLLER))) {
            byte[] in = Records.getRecord(CONTROLLER, AGENT, "frag", "Device.LocalAgent.");
            c.sendFragmented(in, 5);
            assertThat(recorder.record().bytes()).isEqualTo(in);
        }
    }

    @Test
    void aPeerWithoutEidIsNamedByItsFirstRecord() throws Exception {
        try (JdkClient c = JdkClient.open(uri(null))) {
            Recorder.await(() -> transport.sessionCount() == 1);
            assertThat(recorder.changes).isEmpty();
            c.send(Records.getRecord(CONTROLLER, AGENT, "m1", "Device."));
            Recorder.Change up = recorder.change();
            assertThat(up.up()).isTrue();
            assertThat(up.destination().endpointId()).isEqualTo(CONTROLLER);
            assertThat(recorder.record().replyTo().endpointId()).isEqualTo(CONTROLLER);
            byte[] out = Records.getRecord(AGENT, CONTROLLER, "m2", "Device.");
            transport.send(Destination.of(CONTROLLER), out).toCompletableFuture().get(5, TimeUnit.SECONDS);
            // No connect Record was possible before the peer was known: the first message is the answer.
            assertThat(c.message()).isEqualTo(out);
        }
    }

    @Test
    void aConnectionThatNeverUpgradesIsDropped() throws Exception {
        start(WebSocketServerSettings.builder(AGENT, "127.0.0.1", 0).path("/usp").handshakeTimeout(Duration.ofMillis(300)).build());
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", transport.port())) {
            s.setSoTimeout(5000);
            long t0 = System.nanoTime();
            // read() returns -1 when the server closes the idle connection.
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(200L, 4000L);
        }
    }

    @Test
    void sendingToAPeerWithoutASessionFails() {
        assertThat(transport.send(Destination.of("proto::nobody"), new byte[] {1}).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TransportException.class);
    }

    @Test
    void aCloseIsAnsweredWithAClose() throws Exception {
        // R-WS.8, TP-469 7.4
        JdkClient c = JdkClient.open(uri(CONTROLLER));
        assertThat(recorder.change().up()).isTrue();
        c.socket.sendClose(1000, "done").get(5, TimeUnit.SECONDS);
        assertThat(c.closeStatus()).isEqualTo(1000);
        assertThat(recorder.change().up()).isFalse();
        c.socket.abort();
    }

    @Test
    void closingTheTransportClosesSessionsWith1001() throws Exception {
        JdkClient c = JdkClient.open(uri(CONTROLLER));
        Recorder.await(() -> transport.sessionCount() == 1);
        transport.close();
        assertThat(c.closeStatus()).isEqualTo(1001);
        c.socket.abort();
    }

    @Test
    void pingsAreSentAtTheKeepAliveInterval() throws Exception {
        // R-WS.17/18, TP-469 7.7
        start(WebSocketServerSettings.builder(AGENT, "127.0.0.1", 0).path("/usp").keepAlive(Duration.ofMillis(400)).build());
        try (JdkClient c = JdkClient.open(uri(CONTROLLER))) {
            Recorder.await(() -> c.pings.get() >= 3);
            // the JDK answers each Ping, so the session stays up well past two intervals
            assertThat(transport.isConnected(CONTROLLER)).isTrue();
            c.socket.sendPing(java.nio.ByteBuffer.wrap(new byte[] {7})).get(5, TimeUnit.SECONDS);
            c.socket.sendPong(java.nio.ByteBuffer.wrap(new byte[] {8})).get(5, TimeUnit.SECONDS);
            c.send(Records.getRecord(CONTROLLER, AGENT, "after-pong", "Device."));
            assertThat(recorder.record()).isNotNull();
        }
    }

    @Test
    void theDeprecatedExtensionIsAnsweredWithOurEid() throws Exception {
        // R-WS.11a, with this module's client as the Controller.
        WebSocketClientTransport controller = new WebSocketClientTransport(
                WebSocketClientSettings.builder(CONTROLLER, "127.0.0.1", transport.port()).path("/usp")
                        .legacyExtension(true).connectRecords(false).build());
        Recorder controllerSide = new Recorder();
        try {
            controller.start(controllerSide);
            Recorder.await(controller::isConnected);
            assertThat(controller.destination().endpointId()).isEqualTo(AGENT);
            assertThat(recorder.change().destination().endpointId()).isEqualTo(CONTROLLER);
            assertThat(RecordCodec.decode(controllerSide.record().bytes()).hasWebsocketConnect()).isTrue();
        } finally {
            controller.close();
        }
    }
}
