package io.usp4j.datamodel.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.ActiveNotify;
import io.usp4j.datamodel.schema.ArgumentObjectDef;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.DefaultValue;
import io.usp4j.datamodel.schema.EnumerationValue;
import io.usp4j.datamodel.schema.EventDef;
import io.usp4j.datamodel.schema.ListFacet;
import io.usp4j.datamodel.schema.NumericRange;
import io.usp4j.datamodel.schema.ObjectAccess;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.PathReference;
import io.usp4j.datamodel.schema.SizeRange;
import io.usp4j.datamodel.schema.Status;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.datamodel.schema.UniqueKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataModelLoaderTest {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<dm:document xmlns:dm=\"urn:broadband-forum-org:cwmp:datamodel-1-14\" spec=\"urn:test\" file=\"t.xml\">\n";
    private static final String TAIL = "</dm:document>\n";

    @TempDir
    Path dir;

    private static SupportedDataModel load(String body) throws IOException {
        return DataModelLoader.defaults().load(stream(HEAD + body + TAIL), "t.xml");
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String model(String objects) {
        return "<model name=\"Device:2.16\">\n"
                + "<object name=\"Device.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">\n"
                + "  <description>root</description>\n"
                + "</object>\n"
                + objects
                + "</model>\n";
    }

    private static String param(String name, String access, String syntax) {
        return "<parameter name=\"" + name + "\" access=\"" + access + "\"><description>d</description><syntax>"
                + syntax + "</syntax></parameter>\n";
    }

    @Test
    void reads_base_types_and_parameter_attributes() throws IOException {
        SupportedDataModel m = load(model(
                "<object name=\"Device.DeviceInfo.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\" version=\"2.0\">\n"
                + param("UpTime", "readOnly", "<unsignedInt><units value=\"seconds\"/></unsignedInt>")
                        .replace("<parameter ", "<parameter activeNotify=\"canDeny\" ")
                + param("Secret", "readWrite", "<string/>").replace("<syntax>", "<syntax secured=\"true\">")
                + param("Hidden", "readWrite", "<string/>").replace("<syntax>", "<syntax hidden=\"true\">")
                + param("Once", "writeOnceReadOnly", "<string/><default type=\"object\" value=\"x\"/>")
                + param("Blob", "readOnly", "<base64><size minLength=\"2\" maxLength=\"8\"/></base64>")
                + param("When", "readOnly", "<dateTime/>")
                + "</object>\n"));

        ParameterDef upTime = m.parameter("Device.DeviceInfo.UpTime").orElseThrow();
        assertThat(upTime.type()).isEqualTo(ValueType.UNSIGNED_INT);
        assertThat(upTime.access()).isEqualTo(ParameterAccess.READ_ONLY);
        assertThat(upTime.activeNotify()).isEqualTo(ActiveNotify.CAN_DENY);
        assertThat(upTime.syntax().units()).contains("seconds");
        assertThat(m.parameter("Device.DeviceInfo.Secret").orElseThrow().syntax().secured()).isTrue();
        assertThat(m.parameter("Device.DeviceInfo.Hidden").orElseThrow().syntax().hidden()).isTrue();
        ParameterDef once = m.parameter("Device.DeviceInfo.Once").orElseThrow();
        assertThat(once.access()).isEqualTo(ParameterAccess.WRITE_ONCE_READ_ONLY);
        assertThat(once.syntax().defaultValue()).contains(new DefaultValue(DefaultValue.Kind.OBJECT, "x"));
        assertThat(m.parameter("Device.DeviceInfo.Blob").orElseThrow().syntax().sizes())
                .containsExactly(new SizeRange(2, 8));
        assertThat(m.parameter("Device.DeviceInfo.When").orElseThrow().type()).isEqualTo(ValueType.DATE_TIME);
        assertThat(m.object("Device.DeviceInfo.").orElseThrow().version()).contains("2.0");
    }

    @Test
    void resolves_named_data_types_through_base_chains_with_facets() throws IOException {
        SupportedDataModel m = load(
                "<dataType name=\"IPAddress\"><string><size maxLength=\"45\"/></string></dataType>\n"
                + "<dataType name=\"IPv4Address\" base=\"IPAddress\"><size maxLength=\"15\"/>"
                + "<pattern value=\"\"/><pattern value=\"\\d+\\.\\d+\\.\\d+\\.\\d+\"/></dataType>\n"
                + "<dataType name=\"Counter\"><unsignedLong/></dataType>\n"
                + "<dataType name=\"Percent\"><unsignedInt><range minInclusive=\"0\" maxInclusive=\"100\"/></unsignedInt></dataType>\n"
                + model("<object name=\"Device.IP.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">\n"
                        + param("Address", "readWrite", "<dataType ref=\"IPv4Address\"/>")
                        + param("Bytes", "readOnly", "<dataType ref=\"Counter\"><units value=\"bytes\"/></dataType>")
                        + param("Load", "readOnly", "<dataType ref=\"Percent\"><range minInclusive=\"10\" maxInclusive=\"20\"/></dataType>")
                        + "</object>\n"));

        Syntax address = m.parameter("Device.IP.Address").orElseThrow().syntax();
        assertThat(address.type()).isEqualTo(ValueType.STRING);
        assertThat(address.dataType()).contains("IPv4Address");
        assertThat(address.maxLength()).hasValue(15);
        assertThat(address.patterns()).hasSize(2).startsWith("");
        Syntax bytes = m.parameter("Device.IP.Bytes").orElseThrow().syntax();
        assertThat(bytes.type()).isEqualTo(ValueType.UNSIGNED_LONG);
        assertThat(bytes.units()).contains("bytes");
        assertThat(m.parameter("Device.IP.Load").orElseThrow().syntax().ranges())
                .containsExactly(NumericRange.of(10L, 20L));
    }

    @Test
    void imports_data_types_from_another_document(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("types.xml"), HEAD
                + "<!-- entity from the internal subset is fine -->\n"
                + "<dataType name=\"MACAddress\"><string><size maxLength=\"17\"/></string></dataType>\n"
                + "<dataType name=\"Other\"><int/></dataType>\n" + TAIL);
        String main = HEAD
                + "<import file=\"types.xml\" spec=\"urn:types\"><dataType name=\"MAC\" ref=\"MACAddress\"/></import>\n"
                + "<import file=\"biblio-only.xml\" spec=\"urn:none\"/>\n"
                + model("<object name=\"Device.Eth.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">\n"
                        + param("MAC", "readOnly", "<dataType ref=\"MAC\"/>") + "</object>\n")
                + TAIL;
        Files.writeString(tmp.resolve("main.xml"), main);

        SupportedDataModel m = DataModelLoader.defaults().load(tmp.resolve("main.xml"));

        Syntax mac = m.parameter("Device.Eth.MAC").orElseThrow().syntax();
        assertThat(mac.dataType()).contains("MACAddress");
        assertThat(mac.maxLength()).hasValue(17);
    }

    @Test
    void library_documents_serve_unimported_names(@TempDir Path tmp) throws IOException {
        Path types = Files.writeString(tmp.resolve("tr-106-types.xml"), HEAD
                + "<dataType name=\"UUID\"><string><size minLength=\"36\" maxLength=\"36\"/></string></dataType>\n"
                + TAIL);
        String body = model("<object name=\"Device.X.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">\n"
                + param("Id", "readOnly", "<dataType ref=\"UUID\"/>") + "</object>\n");

        assertThatThrownBy(() -> load(body)).isInstanceOf(DataModelFormatException.class)
                .hasMessageContaining("unknown data type UUID");
        SupportedDataModel m = DataModelLoader.builder().library(types).build()
                .load(stream(HEAD + body + TAIL), "t.xml");
        assertThat(m.parameter("Device.X.Id").orElseThrow().syntax().sizes()).containsExactly(new SizeRange(36, 36));
    }

    @Test
    void reads_tables_unique_keys_and_entry_counters() throws IOException {
        SupportedDataModel m = load(model(
                "<object name=\"Device.WiFi.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">\n"
                + param("SSIDNumberOfEntries", "readOnly", "<unsignedInt/>")
                + "</object>\n"
                + "<object name=\"Device.WiFi.SSID.{i}.\" access=\"readWrite\" numEntriesParameter=\"SSIDNumberOfEntries\""
                + " enableParameter=\"Enable\" minEntries=\"0\" maxEntries=\"unbounded\">\n"
                + "<uniqueKey functional=\"false\"><parameter ref=\"Alias\"/></uniqueKey>\n"
                + "<uniqueKey><parameter ref=\"Name\"/><parameter ref=\"BSSID\"/></uniqueKey>\n"
                + param("Enable", "readWrite", "<boolean/><default type=\"object\" value=\"false\"/>")
                + param("Alias", "readWrite", "<string><size maxLength=\"64\"/></string>")
                + param("Name", "readOnly", "<string/>")
                + param("BSSID", "readOnly", "<string/>")
                + "</object>\n"
                + "<object name=\"Device.WiFi.Fixed.{i}.\" access=\"readOnly\" minEntries=\"4\" maxEntries=\"4\">\n"
                + "</object>\n"));

        ObjectDef ssid = m.object("Device.WiFi.SSID.{i}.").orElseThrow();
        assertThat(ssid.isMultiInstance()).isTrue();
        assertThat(ssid.access()).isEqualTo(ObjectAccess.ADD_DELETE);
        assertThat(ssid.maxEntries()).isEqualTo(ObjectDef.UNBOUNDED);
        assertThat(ssid.numEntriesParameter()).contains("SSIDNumberOfEntries");
        assertThat(ssid.enableParameter()).contains("Enable");
        assertThat(ssid.uniqueKeys()).containsExactly(
                UniqueKey.nonFunctional("Alias"), UniqueKey.functional("Name", "BSSID"));
        assertThat(ssid.parameters().keySet()).containsExactly("Enable", "Alias", "Name", "BSSID");
        ObjectDef fixed = m.object("Device.WiFi.Fixed.{i}.").orElseThrow();
        assertThat(fixed.minEntries()).isEqualTo(4);
        assertThat(fixed.maxEntries()).isEqualTo(4);
        assertThat(m.childObjects("Device.WiFi.")).extracting(ObjectDef::name).containsExactly("SSID", "Fixed");
    }

    @Test
    void reads_enumerations_ranges_references_and_lists() throws IOException {
        SupportedDataModel m = load(model(
                "<object name=\"Device.Q.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">\n"
                + param("Mode", "readWrite", "<string><enumeration value=\"Up\"/>"
                        + "<enumeration value=\"Gone\" status=\"deleted\"/>"
                        + "<enumeration value=\"Old\" status=\"deprecated\" optional=\"true\"/></string>")
                + param("Level", "readWrite", "<int><range minInclusive=\"-10\" maxInclusive=\"-1\"/>"
                        + "<range minInclusive=\"1\" maxInclusive=\"99\" step=\"2\"/></int>")
                + param("Interface", "readWrite", "<string><size maxLength=\"256\"/>"
                        + "<pathRef refType=\"strong\" targetParent=\".IP.Interface. .PPP.Interface.\""
                        + " targetType=\"row\"/></string>")
                + param("Row", "readWrite", "<int><instanceRef refType=\"strong\" targetParent=\"#.Row.\"/></int>")
                + param("Pick", "readWrite", "<string><enumerationRef targetParam=\"Mode\" nullValue=\"\"/></string>")
                + param("Channels", "readWrite", "<list minItems=\"1\" maxItems=\"8\" nestedBrackets=\"permitted\">"
                        + "<size maxLength=\"64\"/></list><unsignedInt><range minInclusive=\"1\" maxInclusive=\"233\"/>"
                        + "</unsignedInt>")
                + "</object>\n"));

        assertThat(m.parameter("Device.Q.Mode").orElseThrow().syntax().enumerations()).containsExactly(
                EnumerationValue.of("Up"), new EnumerationValue("Old", Status.DEPRECATED, true));
        List<NumericRange> ranges = m.parameter("Device.Q.Level").orElseThrow().syntax().ranges();
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(1).step()).isEqualByComparingTo(BigDecimal.valueOf(2));
        assertThat(m.parameter("Device.Q.Interface").orElseThrow().syntax().reference()).contains(new PathReference(
                PathReference.Form.PATH, PathReference.RefType.STRONG, List.of(".IP.Interface.", ".PPP.Interface."),
                PathReference.TargetType.ROW, "any"));
        PathReference row = m.parameter("Device.Q.Row").orElseThrow().syntax().reference().orElseThrow();
        assertThat(row.form()).isEqualTo(PathReference.Form.INSTANCE);
        assertThat(row.targetParents()).containsExactly("#.Row.");
        assertThat(m.parameter("Device.Q.Pick").orElseThrow().syntax().enumerationReference().orElseThrow()
                .targetParam()).isEqualTo("Mode");
        Syntax channels = m.parameter("Device.Q.Channels").orElseThrow().syntax();
        assertThat(channels.isList()).isTrue();
        assertThat(channels.list()).contains(new ListFacet(1, 8, List.of(SizeRange.max(64)),
                ListFacet.NestedBrackets.PERMITTED));
        assertThat(channels.ranges()).containsExactly(NumericRange.of(1L, 233L));
    }

    @Test
    void reads_commands_with_nested_argument_objects_and_events() throws IOException {
        SupportedDataModel m = load(model(
                "<object name=\"Device.WiFi.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">\n"
                + "<command name=\"Scan()\" async=\"true\" version=\"2.13\">\n"
                + "<input>" + param("Band", "readWrite", "<string/>").replace("<parameter ", "<parameter mandatory=\"true\" ")
                + "</input>\n"
                + "<output>" + param("Status", "readOnly", "<string/>")
                + "<object name=\"Result.{i}.\" minEntries=\"0\" maxEntries=\"unbounded\">"
                + param("SSID", "readOnly", "<string/>") + "</object>"
                + "<object name=\"Result.{i}.Channel.{i}.\" minEntries=\"0\" maxEntries=\"unbounded\">"
                + param("Number", "readOnly", "<unsignedInt/>") + "</object>"
                + "</output>\n"
                + "</command>\n"
                + "<command name=\"Reset()\"/>\n"
                + "<event name=\"Changed!\">" + param("Cause", "readOnly", "<string/>")
                + "<object name=\"Detail.\">" + param("Text", "readOnly", "<string/>") + "</object></event>\n"
                + "</object>\n"));

        CommandDef scan = m.command("Device.WiFi.Scan()").orElseThrow();
        assertThat(scan.async()).isTrue();
        assertThat(scan.version()).contains("2.13");
        assertThat(scan.input().parameter("Band").orElseThrow().mandatory()).isTrue();
        assertThat(scan.output().parameters()).extracting(ParameterDef::name).containsExactly("Status");
        assertThat(scan.output().objects()).extracting(ArgumentObjectDef::path)
                .containsExactly("Result.{i}.", "Result.{i}.Channel.{i}.");
        assertThat(scan.output().object("Result.{i}.Channel.{i}.").orElseThrow().parameter("Number")).isPresent();
        CommandDef reset = m.command("Device.WiFi.Reset()").orElseThrow();
        assertThat(reset.async()).isFalse();
        assertThat(reset.input().isEmpty()).isTrue();
        EventDef changed = m.event("Device.WiFi.Changed!").orElseThrow();
        assertThat(changed.arguments().parameter("Cause")).isPresent();
        assertThat(changed.arguments().object("Detail.").orElseThrow().isMultiInstance()).isFalse();
    }

    @Test
    void expands_components_and_applies_base_modifications_of_a_base_model() throws IOException {
        SupportedDataModel m = load(
                "<component name=\"Alias\">" + param("Alias", "readWrite", "<string><size maxLength=\"64\"/></string>")
                + "</component>\n"
                + "<component name=\"Time\">\n"
                + "<object name=\"Time.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">"
                + param("Enable", "readWrite", "<boolean/>") + "</object>\n"
                + "<object name=\"Time.Server.{i}.\" access=\"readWrite\" minEntries=\"0\" maxEntries=\"unbounded\">"
                + "</object>\n"
                + "<component ref=\"Alias\" path=\"Time.Server.{i}.\"/>\n"
                + "</component>\n"
                + "<model name=\"Device:2.0\">\n"
                + "<object name=\"Device.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\"/>\n"
                + "<component ref=\"Time\" path=\"Device.\"/>\n"
                + "</model>\n"
                + "<model name=\"Device:2.1\" base=\"Device:2.0\">\n"
                + "<object base=\"Device.Time.\">\n"
                + "<parameter base=\"Enable\" access=\"readOnly\"/>\n"
                + param("Zone", "readWrite", "<string><enumeration value=\"UTC\"/></string>")
                + "</object>\n"
                + "<object base=\"Device.Time.\"><parameter base=\"Zone\"><syntax><string>"
                + "<enumeration value=\"CET\"/></string></syntax></parameter></object>\n"
                + "</model>\n",
                "Device:2.1");

        assertThat(m.parameter("Device.Time.Server.{i}.Alias")).isPresent();
        assertThat(m.parameter("Device.Time.Enable").orElseThrow().access()).isEqualTo(ParameterAccess.READ_ONLY);
        assertThat(m.parameter("Device.Time.Enable").orElseThrow().type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(m.parameter("Device.Time.Zone").orElseThrow().syntax().enumerations())
                .extracting(EnumerationValue::value).containsExactly("UTC", "CET");
        assertThat(m.objects()).extracting(ObjectDef::path)
                .containsExactly("Device.", "Device.Time.", "Device.Time.Server.{i}.");
    }

    private static SupportedDataModel load(String body, String modelName) throws IOException {
        return DataModelLoader.builder().model(modelName).build().load(stream(HEAD + body + TAIL), "t.xml");
    }

    @Test
    void leaves_out_deleted_items_by_default_and_keeps_them_on_request() throws IOException {
        String body = model("<object name=\"Device.A.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">"
                + param("Old", "readOnly", "<string/>").replace("<parameter ", "<parameter status=\"obsoleted\" ")
                + param("Dead", "readOnly", "<string/>").replace("<parameter ", "<parameter status=\"deleted\" ")
                + "</object>\n"
                + "<object name=\"Device.B.\" access=\"readOnly\" minEntries=\"0\" maxEntries=\"1\" status=\"deleted\"/>\n"
                + "<object name=\"Device.B.C.\" access=\"readOnly\" minEntries=\"0\" maxEntries=\"1\"/>\n");

        SupportedDataModel m = load(body);
        assertThat(m.object("Device.A.").orElseThrow().parameters().keySet()).containsExactly("Old");
        assertThat(m.parameter("Device.A.Old").orElseThrow().status()).isEqualTo(Status.OBSOLETED);
        assertThat(m.object("Device.B.")).isEmpty();
        assertThat(m.object("Device.B.C.")).isEmpty();

        SupportedDataModel all = DataModelLoader.builder().statuses(EnumSet.allOf(Status.class)).build()
                .load(stream(HEAD + body + TAIL), "t.xml");
        assertThat(all.parameter("Device.A.Dead")).isPresent();
        assertThat(all.object("Device.B.C.")).isPresent();
    }

    @Test
    void accepts_internal_dtd_entities_as_tr106_documents_use_them() throws IOException {
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [ <!ENTITY octet \"(\\d+)\"> ]>\n"
                + HEAD.substring(HEAD.indexOf("<dm:document"))
                + "<dataType name=\"Num\"><string><pattern value=\"&octet;\"/></string></dataType>\n"
                + model("<object name=\"Device.N.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">"
                        + param("N", "readOnly", "<dataType ref=\"Num\"/>") + "</object>")
                + TAIL;

        SupportedDataModel m = DataModelLoader.defaults().load(stream(doc), "e.xml");

        assertThat(m.parameter("Device.N.N").orElseThrow().syntax().patterns()).containsExactly("(\\d+)");
    }

    @Test
    void refuses_external_entities(@TempDir Path tmp) throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "SECRET");
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n"
                + HEAD.substring(HEAD.indexOf("<dm:document"))
                + "<dataType name=\"X\"><string><pattern value=\"&xxe;\"/></string></dataType>\n"
                + model("") + TAIL;

        assertThatThrownBy(() -> DataModelLoader.defaults().load(stream(doc), "xxe.xml"))
                .isInstanceOf(DataModelFormatException.class)
                .hasMessageStartingWith("xxe.xml:")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void refuses_external_dtds() {
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE d SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
                + HEAD.substring(HEAD.indexOf("<dm:document")) + model("") + TAIL;

        assertThatThrownBy(() -> DataModelLoader.defaults().load(stream(doc), "dtd.xml"))
                .isInstanceOf(DataModelFormatException.class)
                .hasMessageStartingWith("dtd.xml:");
    }

    @Test
    void stops_entity_expansion_bombs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE d [ <!ENTITY a0 \"lol\">");
        for (int i = 1; i < 12; i++) {
            dtd.append("<!ENTITY a").append(i).append(" \"");
            dtd.append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>\n");
        String doc = "<?xml version=\"1.0\"?>\n" + dtd + HEAD.substring(HEAD.indexOf("<dm:document"))
                + "<dataType name=\"X\"><string><pattern value=\"&a11;\"/></string></dataType>\n" + model("") + TAIL;

        assertThatThrownBy(() -> DataModelLoader.defaults().load(stream(doc), "bomb.xml"))
                .isInstanceOf(DataModelFormatException.class);
    }

    @Test
    void reports_file_line_and_problem_of_bad_documents() {
        String unknownType = model("<object name=\"Device.A.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">\n"
                + param("P", "readOnly", "<dataType ref=\"Nope\"/>") + "</object>\n");
        assertThatThrownBy(() -> load(unknownType))
                .isInstanceOfSatisfying(DataModelFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo("t.xml");
                    assertThat(e.line()).isEqualTo(8);
                    assertThat(e.problem()).isEqualTo("unknown data type Nope");
                });
        assertThatThrownBy(() -> load(model("<object name=\"Device.X.Y.\" access=\"readOnly\"/>\n")))
                .hasMessage("t.xml:7: parent Device.X. of Device.X.Y. is not defined");
        assertThatThrownBy(() -> load(model("<object name=\"Device.A.\"><parameter name=\"P\" access=\"sometimes\">"
                        + "<syntax><int/></syntax></parameter></object>\n")))
                .hasMessageContaining("unknown parameter access sometimes");
        assertThatThrownBy(() -> load(model("<object name=\"Device.A.\">" + param("P", "readOnly",
                        "<int><range minInclusive=\"ten\"/></int>") + "</object>\n")))
                .hasMessageContaining("minInclusive=\"ten\" is not a number");
        assertThatThrownBy(() -> load(model("<object name=\"Device.T.{i}.\" access=\"readWrite\">"
                        + "<uniqueKey><parameter ref=\"Missing\"/></uniqueKey></object>\n")))
                .hasMessageContaining("unknown parameter Missing");
        assertThatThrownBy(() -> load("<model name=\"m\"><object name=\"Device.\"/>"))
                .isInstanceOf(DataModelFormatException.class).hasMessageContaining("well-formed");
        assertThatThrownBy(() -> DataModelLoader.defaults().load(stream("<other/>"), "o.xml"))
                .hasMessage("o.xml:1: root element is <other>, expected a TR-106 data-model <document>");
        assertThatThrownBy(() -> load(""))
                .hasMessageContaining("defines no model");
    }

    @Test
    void reports_unresolvable_imports() {
        String body = "<import file=\"missing.xml\" spec=\"urn:x\"><dataType name=\"T\"/></import>\n"
                + model("<object name=\"Device.A.\">" + param("P", "readOnly", "<dataType ref=\"T\"/>")
                        + "</object>\n");

        assertThatThrownBy(() -> DataModelLoader.builder().importResolver(ImportResolver.directory(dir)).build()
                        .load(stream(HEAD + body + TAIL), "t.xml"))
                .hasMessage("t.xml:3: cannot find imported document missing.xml");
    }
}
