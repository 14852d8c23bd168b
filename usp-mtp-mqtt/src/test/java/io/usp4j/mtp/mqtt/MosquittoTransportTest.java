package io.usp4j.mtp.mqtt;

import io.usp4j.mtp.mqtt.testing.MosquittoBroker;
import io.usp4j.mtp.mqtt.testing.TestBroker;
import java.nio.file.Path;

/** The {@link MqttTransportTest} cases against Debian's mosquitto, a second, independent broker. */
class MosquittoTransportTest extends MqttTransportTest {
    @Override
    TestBroker newBroker(Path dir) throws Exception {
        return MosquittoBroker.start(dir);
    }
}
