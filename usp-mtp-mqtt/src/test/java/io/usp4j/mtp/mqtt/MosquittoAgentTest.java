package io.usp4j.mtp.mqtt;

import io.usp4j.mtp.mqtt.testing.MosquittoBroker;
import io.usp4j.mtp.mqtt.testing.TestBroker;
import java.nio.file.Path;

/** The {@link AgentOverMqttTest} end-to-end cases against Debian's mosquitto. */
class MosquittoAgentTest extends AgentOverMqttTest {
    @Override
    TestBroker newBroker(Path dir) throws Exception {
        return MosquittoBroker.start(dir);
    }
}
