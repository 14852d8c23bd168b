package io.usp4j.mtp.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.testing.TestPki;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.TlsSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss} both ways (R-WS.22, TP-469 7.9): server certificates checked against the CA and the host name,
 * mutual TLS with the Endpoint ID taken from the client certificate, refusal of an unknown CA or a missing
 * client certificate, the JDK client against the server transport, and a {@link UspAgent} answering a Get
 * over {@code wss}.
 */
@Timeout(60)
class TlsTest {
    static final String AGENT = "proto::tls-agent";
    static final String CONTROLLER = "proto::tls-controller";

    @TempDir
    Path dir;
    TestPki pki;
    WebSocketServerTransport server;
    WebSocketClientTransport client;
    final Recorder serverSide = new Recorder();
    final Recorder clientSide = new Recorder();

    @BeforeEach
    void pki() {
        pki = TestPki.create(dir.resolve("pki"));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The Controller's listener, over TLS. */
    void listen(String address, TlsSettings tls) {
        server = new WebSocketServerTransport(WebSocketServerSettings.builder(CONTROLLER, address, 0).path("/usp")
                .encryption(true).tls(tls).connectRecords(false).build());
        server.start(serverSide);
    }

    WebSocketClientSettings.Builder dial(String host, TlsSettings tls) {
        return WebSocketClientSettings.builder(AGENT, host, server.port()).path("/usp").peerEndpointId(CONTROLLER)
                .encryption(true).tls(tls).sessionRetry(Duration.ofMillis(100), 2000).connectTimeout(Duration.ofSeconds(5));
    }

    void start(WebSocketClientSettings s) {
        client = new WebSocketClientTransport(s);
        client.start(clientSide);
    }

    @Test
    void theAgentDialsOverTlsAndRecordsFlow() throws Exception {
        listen("127.0.0.1", pki.serverTls(TlsSettings.ClientAuthentication.NONE));
        start(dial("127.0.0.1", pki.clientTls()).build());
        Recorder.await(client::isConnected);
        InboundRecord connect = serverSide.record();
        assertThat(RecordCodec.decode(connect.bytes()).hasWebsocketConnect()).isTrue();
        assertThat(connect.replyTo().endpointId()).isEqualTo(AGENT);
        // No client certificate: nobody is authenticated.
        assertThat(connect.authenticatedEndpointId()).isNull();
        byte[] out = Records.getRecord(CONTROLLER, AGENT, "m", "Device.");
        server.send(Destination.of(AGENT), out).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(clientSide.record().bytes()).isEqualTo(out);
        assertThat(server.endpointUri()).startsWith("wss://");
    }

    @Test
    void mutualTlsNamesThePeerFromItsCertificate() throws Exception {
        listen("127.0.0.1", pki.serverTls(TlsSettings.ClientAuthentication.REQUIRED));
        TestPki.Issued cert = pki.client("agent", "urn:bbf:usp:id:" + AGENT);
        start(dial("127.0.0.1", pki.clientTls(cert)).build());
        Recorder.await(client::isConnected);
        InboundRecord connect = serverSide.record();
        assertThat(connect.authenticatedEndpointId()).isEqualTo(AGENT);
        assertThat(connect.replyTo().endpointId()).isEqualTo(AGENT);
    }

    @Test
    void withoutAClientCertificateAMutualTlsServerRefuses() throws Exception {
        listen("127.0.0.1", pki.serverTls(TlsSettings.ClientAuthentication.REQUIRED));
        start(dial("127.0.0.1", pki.clientTls()).build());
        Recorder.await(() -> client.status().failures() >= 2);
        assertThat(client.status().connects()).isZero();
        assertThat(server.sessionCount()).isZero();
        assertThat(serverSide.records).isEmpty();
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() throws Exception {
        listen("127.0.0.1", pki.serverTls(TlsSettings.ClientAuthentication.NONE));
        TestPki other = TestPki.create(dir.resolve("other"));
        start(dial("127.0.0.1", other.clientTls()).build());
        Recorder.await(() -> client.status().failures() >= 2);
        assertThat(client.status().connects()).isZero();
        assertThat(client.status().lastError()).containsIgnoringCase("certif");
    }

    @Test
    void theHostNameIsCheckedUnlessTurnedOff() throws Exception {
        // The server certificate names localhost, 127.0.0.1 and ::1; 127.0.0.2 is loopback too but not named.
        listen("127.0.0.2", pki.serverTls(TlsSettings.ClientAuthentication.NONE));
        start(dial("127.0.0.2", pki.clientTls()).build());
        Recorder.await(() -> client.status().failures() >= 2);
        assertThat(client.status().connects()).isZero();
        assertThat(client.status().lastError()).containsIgnoringCase("subject alternative name");
        client.close();
        start(dial("127.0.0.2", TlsSettings.builder().trustPem(pki.caPem()).hostnameVerification(false).build()).build());
        Recorder.await(client::isConnected);
    }

    @Test
    void theJdkClientReachesTheServerOverTls() throws Exception {
        WebSocketServerTransport agentSide = new WebSocketServerTransport(WebSocketServerSettings.builder(AGENT, "127.0.0.1", 0)
                .path("/usp").encryption(true).tls(pki.serverTls(TlsSettings.ClientAuthentication.NONE)).build());
        server = agentSide;
        agentSide.start(serverSide);
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newBuilder().sslContext(pki.clientTls().sslContext()).build().newWebSocketBuilder()
                .subprotocols(UspWebSocket.SUBPROTOCOL)
                .buildAsync(URI.create(agentSide.endpointUri() + "?eid=" + CONTROLLER), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                        byte[] b = new byte[data.remaining()];
                        data.get(b);
                        received.add(b);
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            Record connect = RecordCodec.decode(received.poll(10, TimeUnit.SECONDS));
            assertThat(connect.hasWebsocketConnect()).isTrue();
            assertThat(connect.getToId()).isEqualTo(CONTROLLER);
        } finally {
            ws.abort();
        }
    }

    @Test
    void anAgentAnswersAGetOverWss() throws Exception {
        listen("127.0.0.1", pki.serverTls(TlsSettings.ClientAuthentication.NONE));
        client = new WebSocketClientTransport(dial("127.0.0.1", pki.clientTls()).build());
        try (UspAgent agent = UspAgent.builder().endpointId(AGENT).transport(client).build()) {
            agent.start();
            Recorder.await(client::isConnected);
            assertThat(RecordCodec.decode(serverSide.record().bytes()).hasWebsocketConnect()).isTrue();
            server.send(Destination.of(AGENT), Records.getRecord(CONTROLLER, AGENT, "tls-get", "Device.LocalAgent.EndpointID"))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            Msg answer = MessageCodec.decode(RecordCodec.payload(RecordCodec.decode(serverSide.record().bytes())));
            assertThat(answer.getHeader().getMsgId()).isEqualTo("tls-get");
            assertThat(answer.getBody().getResponse().getGetResp().getReqPathResults(0).getResolvedPathResults(0)
                    .getResultParamsMap()).containsEntry("EndpointID", AGENT);
            client = null;
        }
    }
}
