package io.usp4j.agent.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.agent.UspAgent;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.storage.FileStorage;
import io.usp4j.datamodel.xml.AgentModels;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory-defaults file: parsing, its errors with line numbers, and applying it with explicit instance numbers. */
class DefaultsFileTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            # A Controller reached over MQTT
            Device.LocalAgent.Controller.2.EndpointID "proto::acs.example.net"
            Device.LocalAgent.Controller.2.Enable     "true"

               # indented comments and blank lines are fine
            Device.LocalAgent.Controller.2.MTP.1.Protocol "MQTT"
            Device.LocalAgent.Controller.2.MTP.1.MQTT.Topic "usp/controller"
            Device.LocalAgent.Controller.1.EndpointID "proto::second"
            Device.LocalAgent.Controller.1.Alias "second"
            Device.MQTT.Client.1.BrokerAddress "broker.example.net"
            Device.LocalAgent.MTP.1.Protocol "MQTT"
            Device.LocalAgent.MTP.1.MQTT.Reference "Device.MQTT.Client.1"
            Device.LocalAgent.MTP.1.MQTT.ResponseTopicConfigured "usp/agent/"x"/in"
            """;

    private static DefaultsFile parse(String text) throws IOException {
        return DefaultsFile.parse(new StringReader(text), "test.txt");
    }

    @Test
    void parsesSettingsWithTheirLineNumbers() throws IOException {
        DefaultsFile f = parse(GOOD);
        assertThat(f.source()).isEqualTo("test.txt");
        assertThat(f.settings()).hasSize(10);
        assertThat(f.settings().get(0)).isEqualTo(new DefaultsFile.Setting(
                "Device.LocalAgent.Controller.2.EndpointID", "proto::acs.example.net", 2));
        assertThat(f.settings().get(2).line()).isEqualTo(6);
        assertThat(f.settings().get(3).objectPath()).isEqualTo("Device.LocalAgent.Controller.2.MTP.1.MQTT.");
        assertThat(f.settings().get(5).value()).isEqualTo("second");
        assertThat(f.settings().get(9).value()).isEqualTo("usp/agent/\"x\"/in");
    }

    @Test
    void readsAFile() throws IOException {
        Path file = dir.resolve("defaults.txt");
        Files.writeString(file, "\uFEFFDevice.LocalAgent.Controller.1.EndpointID \"proto::a\"\r\n# end\r\n");
        DefaultsFile f = DefaultsFile.parse(file);
        assertThat(f.source()).isEqualTo(file.toString());
        assertThat(f.settings()).containsExactly(new DefaultsFile.Setting("Device.LocalAgent.Controller.1.EndpointID", "proto::a", 1));
    }

    @Test
    void refusesBadLinesSayingWhereAndWhy() {
        assertError("# ok\nDevice.LocalAgent.Controller.1.EndpointID proto::a\n", 2, "must be in double quotes");
        assertError("Device.LocalAgent.Controller.1.EndpointID\n", 1, "no value after");
        assertError("\n\nDevice.LocalAgent.Controller.1.EndpointID \"a\n", 3, "must be in double quotes");
        assertError("Device.LocalAgent.Controller.*.Enable \"true\"\n", 1, "numbered explicitly");
        assertError("Device.LocalAgent.Controller.{i}.Enable \"true\"\n", 1, "numbered explicitly");
        assertError("Device.LocalAgent.Controller.1. \"x\"\n", 1, "is an object");
        assertError("Device.LocalAgent.Controller.01.Enable \"true\"\n", 1, "neither a name nor an instance number");
        assertError("Device..Enable \"true\"\n", 1, "neither a name nor an instance number");
        assertError("Enable \"true\"\n", 1, "not a parameter path");
        assertError("Device.LocalAgent.Controller.1 \"true\"\n", 1, "not a parameter path");
        assertError("Device.DeviceInfo.ProvisioningCode \"a\"\n\nDevice.DeviceInfo.ProvisioningCode \"b\"\n", 3,
                "already set on line 1");
    }

    private static void assertError(String text, int line, String reason) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(DefaultsFileException.class, e -> {
                    assertThat(e.source()).isEqualTo("test.txt");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.reason()).contains(reason).doesNotContain("\n");
                    assertThat(e.getMessage()).startsWith("test.txt:" + line + ": ");
                });
    }

    @Test
    void appliesInOneTransactionWithTheFileInstanceNumbers() throws IOException {
        DataModel model = DataModel.builder(AgentModels.usp()).build();
        Transaction tx = model.begin();
        parse(GOOD).factoryDefaults().apply(tx);
        tx.commit();
        ModelView v = model.view();
        assertThat(v.value("Device.LocalAgent.Controller.2.EndpointID")).isEqualTo("proto::acs.example.net");
        assertThat(v.value("Device.LocalAgent.Controller.2.Enable")).isEqualTo("true");
        assertThat(v.value("Device.LocalAgent.Controller.2.MTP.1.MQTT.Topic")).isEqualTo("usp/controller");
        assertThat(v.value("Device.LocalAgent.Controller.1.EndpointID")).isEqualTo("proto::second");
        assertThat(v.value("Device.LocalAgent.ControllerNumberOfEntries")).isEqualTo("2");
        assertThat(v.value("Device.LocalAgent.MTP.1.MQTT.Reference")).isEqualTo("Device.MQTT.Client.1");
        assertThat(v.value("Device.MQTT.Client.1.BrokerAddress")).isEqualTo("broker.example.net");

        // The counter went past the largest number the file gave.
        Transaction more = model.begin();
        assertThat(more.create("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::third")).instancePath())
                .isEqualTo("Device.LocalAgent.Controller.3.");
        more.rollback();
    }

    @Test
    void applyingReportsTheLineOfASettingTheModelRefuses() throws IOException {
        for (var c : List.of(
                Map.entry("Device.LocalAgent.Controller.1.EndpointID \"a\"\nDevice.LocalAgent.Controller.1.NoSuch \"x\"\n", 2),
                Map.entry("Device.LocalAgent.Controller.1.Enable \"maybe\"\n", 1),
                Map.entry("Device.NoSuchTable.1.Name \"x\"\n", 1))) {
            DataModel model = DataModel.builder(AgentModels.usp()).build();
            Transaction tx = model.begin();
            DefaultsFile f = parse(c.getKey());
            assertThatThrownBy(() -> f.factoryDefaults().apply(tx))
                    .isInstanceOfSatisfying(DefaultsFileException.class, e -> assertThat(e.line()).isEqualTo(c.getValue()));
            tx.rollback();
        }
    }

    @Test
    void anAgentAppliesTheFileOnItsFirstStartOnly() throws IOException {
        DefaultsFile f = parse(GOOD);
        try (FileStorage storage = FileStorage.open(dir)) {
            try (UspAgent agent = UspAgent.builder().endpointId("proto::agent").storage(storage)
                    .factoryDefaults(f.factoryDefaults()).build()) {
                assertThat(agent.dataModel().view().value("Device.LocalAgent.Controller.2.EndpointID"))
                        .isEqualTo("proto::acs.example.net");
                Transaction tx = agent.dataModel().begin();
                tx.remove("Device.LocalAgent.Controller.1.");
                tx.commit();
            }
            try (UspAgent agent = UspAgent.builder().endpointId("proto::agent").storage(storage)
                    .factoryDefaults(f.factoryDefaults()).build()) {
                assertThat(agent.dataModel().view().object("Device.LocalAgent.Controller.1.")).isNull();
                assertThat(agent.dataModel().view().value("Device.LocalAgent.ControllerNumberOfEntries")).isEqualTo("1");
            }
        }
    }
}
