package io.usp4j.mtp.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.core.testing.TestPki;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.TlsSettings;
import io.usp4j.mtp.mqtt.testing.ArtemisBroker;
import io.usp4j.mtp.mqtt.testing.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code TransportProtocol} TLS against Debian's mosquitto with a TLS listener (TP-469 11.3 for an agent): the
 * broker's certificate and host name are checked, a wrong CA or host name fails visibly and is retried, and a
 * client certificate is shown when the broker asks for one. The test controller talks to the same broker on
 * its plain listener.
 */
@Timeout(60)
class MqttTlsTest {
    @TempDir
    Path dir;
    MosquittoBroker broker;
    MqttTransport transport;
    TestController controller;
    final MqttTransportTest.Receiver receiver = new MqttTransportTest.Receiver();

    @AfterEach
    void stopAll() {
        if (transport != null) {
            transport.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    MqttSettings.Builder settings(MqttVersion version, String host, TlsSettings tls) {
        return MqttSettings.builder(MqttTransportTest.AGENT, host, broker.tlsPort())
                .version(version)
                .responseTopic(MqttTransportTest.AGENT_TOPIC)
                .tls(tls)
                .connectRetry(Duration.ofMillis(100), 2000, Duration.ofMillis(400))
                .connectTimeout(Duration.ofSeconds(5));
    }

    void start(MqttSettings s) {
        transport = new MqttTransport(s);
        transport.start(receiver);
    }

    /** A Record from the controller reaches the agent over TLS, and the answer goes back. */
    void roundTrip(MqttVersion version) throws Exception {
        controller = TestController.connect(version, broker.port(), "controller-tls", MqttTransportTest.CONTROLLER_TOPIC);
        byte[] request = MqttTransportTest.record(MqttTransportTest.CONTROLLER, MqttTransportTest.AGENT, "over tls");
        controller.publish(MqttTransportTest.AGENT_TOPIC, request);
        InboundRecord in = receiver.records.poll(10, TimeUnit.SECONDS);
        assertThat(in).isNotNull();
        assertThat(in.bytes()).isEqualTo(request);
        byte[] answer = MqttTransportTest.record(MqttTransportTest.AGENT, MqttTransportTest.CONTROLLER, "answer");
        transport.send(in.replyTo(), answer).toCompletableFuture().get(10, TimeUnit.SECONDS);
        TestController.Received got = controller.poll(10_000);
        assertThat(got).isNotNull();
        assertThat(got.payload()).isEqualTo(answer);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void tlsConnectsWhenTheBrokersCertificateAndHostNameCheckOut(MqttVersion version) throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        broker = MosquittoBroker.startTls(dir, "127.0.0.1", pki, false);
        start(settings(version, "127.0.0.1", pki.clientTls()).build());
        MqttTransportTest.await(transport::isConnected);
        assertThat(transport.settings().toString()).contains("over TLS");
        roundTrip(version);
    }

    @Test
    void theHostNameLocalhostIsCheckedAgainstTheCertificatesDnsName() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        broker = MosquittoBroker.startTls(dir, "127.0.0.1", pki, false);
        start(settings(MqttVersion.V5, "localhost", pki.clientTls()).build());
        MqttTransportTest.await(transport::isConnected);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aBrokerCertificateFromAnotherCaFailsVisiblyAndIsRetried(MqttVersion version) throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        TestPki stranger = TestPki.create(dir.resolve("stranger"));
        broker = MosquittoBroker.startTls(dir, "127.0.0.1", pki, false);
        start(settings(version, "127.0.0.1", stranger.clientTls()).build());
        MqttTransportTest.await(() -> transport.status().failures() >= 2);
        assertThat(transport.isConnected()).isFalse();
        assertThat(transport.status().state()).isEqualTo(MqttTransport.State.CONNECTING);
        assertThat(transport.status().failure()).isEqualTo(MqttTransport.Failure.TLS);
        assertThat(transport.stats().connectionErrors()).isGreaterThanOrEqualTo(2);
        assertThat(transport.status().connects()).isZero();
    }

    /** The broker listens on 127.0.0.2, which its certificate does not name. */
    @Test
    void aHostNameTheCertificateDoesNotNameFailsUnlessTheCheckIsOff() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        broker = MosquittoBroker.startTls(dir, "127.0.0.2", pki, false);
        start(settings(MqttVersion.V5, "127.0.0.2", pki.clientTls()).build());
        MqttTransportTest.await(() -> transport.status().failures() >= 2);
        assertThat(transport.status().failure()).isEqualTo(MqttTransport.Failure.TLS);
        assertThat(transport.status().connects()).isZero();
        transport.close();

        TlsSettings unchecked = TlsSettings.builder().trustPem(pki.caPem()).hostnameVerification(false).build();
        start(settings(MqttVersion.V5, "127.0.0.2", unchecked).build());
        MqttTransportTest.await(transport::isConnected);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aBrokerThatRequiresAClientCertificateTakesOursAndRefusesNone(MqttVersion version) throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        broker = MosquittoBroker.startTls(dir, "127.0.0.1", pki, true);
        start(settings(version, "127.0.0.1", pki.clientTls()).build());
        MqttTransportTest.await(() -> transport.status().failures() >= 2);
        assertThat(transport.status().connects()).isZero();
        transport.close();

        start(settings(version, "127.0.0.1", pki.clientTls(pki.client("agent", "urn:bbf:usp:id:proto::agent-1"))).build());
        MqttTransportTest.await(transport::isConnected);
        roundTrip(version);
    }

    /** The same against Artemis, whose TLS is Netty's over the JDK: a second, independent TLS server. */
    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void artemisWithAClientCertificateRequired(MqttVersion version) throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        try (ArtemisBroker artemis = ArtemisBroker.startTls(dir, pki, true)) {
            transport = new MqttTransport(MqttSettings.builder(MqttTransportTest.AGENT, "localhost", artemis.tlsPort())
                    .version(version).responseTopic(MqttTransportTest.AGENT_TOPIC)
                    .tls(pki.clientTls(pki.client("agent")))
                    .connectRetry(Duration.ofMillis(100), 2000, Duration.ofMillis(400))
                    .connectTimeout(Duration.ofSeconds(5)).build());
            transport.start(receiver);
            MqttTransportTest.await(transport::isConnected);
            controller = TestController.connect(version, artemis.port(), "controller-tls", MqttTransportTest.CONTROLLER_TOPIC);
            byte[] request = MqttTransportTest.record(MqttTransportTest.CONTROLLER, MqttTransportTest.AGENT, "over tls");
            controller.publish(MqttTransportTest.AGENT_TOPIC, request);
            InboundRecord in = receiver.records.poll(10, TimeUnit.SECONDS);
            assertThat(in).isNotNull();
            transport.close();
            controller.close();
            controller = null;

            // Without a client certificate: refused, retried, reported as a TLS failure.
            transport = new MqttTransport(MqttSettings.builder(MqttTransportTest.AGENT, "127.0.0.1", artemis.tlsPort())
                    .version(version).responseTopic(MqttTransportTest.AGENT_TOPIC).tls(pki.clientTls())
                    .connectRetry(Duration.ofMillis(100), 2000, Duration.ofMillis(400))
                    .connectTimeout(Duration.ofSeconds(5)).build());
            transport.start(receiver);
            MqttTransportTest.await(() -> transport.status().failures() >= 2);
            assertThat(transport.status().connects()).isZero();
            assertThat(transport.status().failure()).isEqualTo(MqttTransport.Failure.TLS);
            transport.close();
            transport = null;
        }
    }
}
