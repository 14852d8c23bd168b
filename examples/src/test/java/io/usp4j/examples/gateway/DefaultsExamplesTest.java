package io.usp4j.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.device.DefaultsFile;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.xml.AgentModels;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example defaults files shipped in {@code examples/defaults/} fit the gateway's data model. */
class DefaultsExamplesTest {

    private static ModelView apply(String file) throws IOException {
        DefaultsFile defaults = DefaultsFile.parse(Path.of("defaults", file));
        DataModel model = DataModel.builder(GatewaySchema.model().toBuilder().merge(AgentModels.usp()).build()).build();
        Transaction tx = model.begin();
        defaults.factoryDefaults().apply(tx);
        tx.commit();
        return model.view();
    }

    @Test
    void theMqttExampleConfiguresABrokerAndTheCli() throws IOException {
        ModelView v = apply("mqtt.txt");
        assertThat(v.value("Device.MQTT.Client.1.BrokerAddress")).isEqualTo("127.0.0.1");
        assertThat(v.value("Device.LocalAgent.MTP.1.MQTT.Reference")).isEqualTo("Device.MQTT.Client.1");
        assertThat(v.value("Device.LocalAgent.Controller.1.EndpointID")).isEqualTo(GatewayOptions.DEFAULT_CONTROLLER);
        assertThat(v.value("Device.LocalAgent.Subscription.1.ReferenceList")).isEqualTo("Device.Boot!");
    }

    @Test
    void theWebSocketExampleConfiguresAServer() throws IOException {
        ModelView v = apply("websocket.txt");
        assertThat(v.value("Device.LocalAgent.MTP.1.Protocol")).isEqualTo("WebSocket");
        assertThat(v.value("Device.LocalAgent.MTP.1.WebSocket.Port")).isEqualTo("8080");
        assertThat(v.value("Device.LocalAgent.Subscription.1.Recipient")).isEqualTo("Device.LocalAgent.Controller.1");
    }
}
