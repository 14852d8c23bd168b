package io.usp4j.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's small parts: the JSON writer, the shell's word splitting, options, the table, history. */
class CliPartsTest {

    @Test
    void jsonEscapesStringsAndKeepsOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", "q\"uote\\back\nline\ttab\u0001");
        m.put("a", List.of(1, true, "x"));
        m.put("n", null);
        m.put("code", 7026L);
        m.put("o", Map.of());
        assertThat(Json.write(m)).isEqualTo(
                "{\"b\":\"q\\\"uote\\\\back\\nline\\ttab\\u0001\",\"a\":[1,true,\"x\"],\"n\":null,\"code\":7026,\"o\":{}}");
    }

    @Test
    void shellWordsHonourQuotesAndEscapes() throws UsageException {
        assertThat(Tokenizer.split("set  Device.X.Name=\"two words\" 'it''s' a\\ b \"q\\\"\""))
                .containsExactly("set", "Device.X.Name=two words", "its", "a b", "q\"");
        assertThat(Tokenizer.split("   ")).isEmpty();
        assertThatThrownBy(() -> Tokenizer.split("get \"Device.")).isInstanceOf(UsageException.class);
    }

    @Test
    void optionsAnywhereWithEqualsOrSeparateValuesAndEnvironmentDefaults() throws UsageException {
        CliOptions o = CliOptions.parse(List.of("get", "--depth=2", "Device.", "--json", "--timeout", "500ms", "--", "--odd"),
                Map.of("USP_MQTT", "tcp://b:1883", "USP_AGENT", "proto::a"));
        assertThat(o.command).isEqualTo("get");
        assertThat(o.args).containsExactly("Device.", "--odd");
        assertThat(o.depth).isEqualTo(2);
        assertThat(o.json).isTrue();
        assertThat(o.timeout).isEqualTo(Duration.ofMillis(500));
        assertThat(o.mqtt).isEqualTo("tcp://b:1883");
        assertThat(o.agent).isEqualTo("proto::a");
        assertThat(CliOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CliOptions.duration("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> CliOptions.parse(List.of("--mqtt-version", "4", "get"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("5 or 3.1.1");
        assertThatThrownBy(() -> CliOptions.parseShellLine(List.of("get", "--agent", "proto::b", "Device."), o))
                .isInstanceOf(UsageException.class).hasMessageContaining("when the shell starts");
    }

    @Test
    void tableAlignsAllButTheLastColumn() {
        Table t = new Table();
        t.add("Device.A", "x", "1");
        t.add("Device.LongerName", "yy", "2");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        t.print(new PrintStream(b, true, StandardCharsets.UTF_8));
        assertThat(b.toString(StandardCharsets.UTF_8).split("\\R"))
                .containsExactly("Device.A           x   1", "Device.LongerName  yy  2");
    }

    @Test
    void historyExpansion() {
        List<String> h = List.of("get A", "get B");
        assertThat(UspCli.expand("!!", h)).isEqualTo("get B");
        assertThat(UspCli.expand("!1", h)).isEqualTo("get A");
        assertThat(UspCli.expand("!3", h)).isNull();
        assertThat(UspCli.expand("!x", h)).isNull();
        assertThat(Connection.defaultTopic("proto::usp-cli")).isEqualTo("usp/controllers/proto__usp-cli");
    }
}
