package io.usp4j.mtp.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.TransportException;
import io.usp4j.mtp.mqtt.testing.ArtemisBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A real broker (Artemis with an authorisation rule) refusing the agent's subscriptions in SUBACK. */
@Timeout(60)
class RefusedSubscriptionTest {
    @TempDir
    Path dir;
    ArtemisBroker broker;
    MqttTransport transport;

    @AfterEach
    void stopAll() {
        if (transport != null) {
            transport.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    MqttSettings.Builder settings(MqttVersion version) {
        return MqttSettings.builder(MqttTransportTest.AGENT, "127.0.0.1", broker.port())
                .version(version)
                .connectRetry(Duration.ofMillis(100), 2000, Duration.ofMillis(300))
                .connectTimeout(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void everySubscriptionRefusedMeansNoPublishingAndRetries(MqttVersion version) throws Exception {
        broker = ArtemisBroker.startForbidding(dir, "forbidden");
        transport = new MqttTransport(settings(version).responseTopic("usp/forbidden/agent").build());
        transport.start(new MqttTransportTest.Receiver());
        MqttTransportTest.await(() -> transport.status().failures() >= 2);
        assertThat(transport.isConnected()).isFalse();
        assertThat(transport.status().state()).isEqualTo(MqttTransport.State.CONNECTING);
        assertThat(transport.status().lastError()).contains("refused every subscription");
        assertThat(transport.status().refused()).hasSize(1);
        assertThat(transport.status().connects()).isZero();
        assertThatThrownBy(() -> transport.send(new Destination("proto::c", Map.of(MqttTransport.TOPIC, "usp/c")),
                new byte[] {1}).toCompletableFuture().join()).hasCauseInstanceOf(TransportException.class);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void oneGrantedSubscriptionIsEnoughAndTheRefusedOneIsReported(MqttVersion version) throws Exception {
        broker = ArtemisBroker.startForbidding(dir, "forbidden");
        transport = new MqttTransport(settings(version).subscribe("usp/forbidden/#").responseTopic("usp/agent/ok").build());
        transport.start(new MqttTransportTest.Receiver());
        MqttTransportTest.await(transport::isConnected);
        assertThat(transport.status().refused()).containsExactly("usp/forbidden/#");
        assertThat(transport.status().subscribed()).hasSize(1);
        assertThat(transport.status().lastError()).contains("refused the subscription to [usp/forbidden/#]");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aSubscriptionAddedAndRefusedOnTheLiveConnectionIsReportedAndTheConnectionStays(MqttVersion version)
            throws Exception {
        broker = ArtemisBroker.startForbidding(dir, "forbidden");
        transport = new MqttTransport(settings(version).responseTopic("usp/agent/ok").build());
        transport.start(new MqttTransportTest.Receiver());
        MqttTransportTest.await(transport::isConnected);
        assertThat(transport.reconfigure(settings(version).responseTopic("usp/agent/ok").subscribe("usp/forbidden/#")
                .subscribe("usp/fine/#").build())).isTrue();
        MqttTransportTest.await(() -> transport.status().refused().contains("usp/forbidden/#"));
        assertThat(transport.status().subscribed()).contains("usp/fine/#");
        assertThat(transport.status().lastError()).contains("refused the subscription to [usp/forbidden/#]");
        assertThat(transport.isConnected()).isTrue();
        assertThat(transport.status().connects()).isEqualTo(1);

        assertThat(transport.reconfigure(settings(version).responseTopic("usp/agent/ok").build())).isTrue();
        MqttTransportTest.await(() -> transport.status().refused().isEmpty()
                && !transport.status().subscribed().contains("usp/fine/#"));
        // Only the granted filter was unsubscribed.
        assertThat(transport.stats().unsubscribeSent()).isEqualTo(1);
        assertThat(transport.isConnected()).isTrue();
    }
}
