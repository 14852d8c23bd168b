package io.usp4j.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's small parts: the shell's word splitting, options, the table, history. */
class CliPartsTest {

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

    @Test
    void aCommandLineTransportReplacesTheOtherFromTheEnvironment() throws UsageException {
        Map<String, String> env = Map.of("USP_MQTT", "tcp://b:1883", "USP_WS", "ws://a:80/usp", "USP_CA", "/ca.pem");
        CliOptions ws = CliOptions.parse(List.of("--ws", "ws://h:1/usp", "get", "Device."), env);
        assertThat(ws.ws).isEqualTo("ws://h:1/usp");
        assertThat(ws.mqtt).isNull();
        assertThat(ws.ca).isEqualTo("/ca.pem");
        CliOptions mqtt = CliOptions.parse(List.of("--mqtt", "tcp://h:1", "get", "Device."), env);
        assertThat(mqtt.mqtt).isEqualTo("tcp://h:1");
        assertThat(mqtt.ws).isNull();
        CliOptions both = CliOptions.parse(List.of("get", "Device."), env);
        assertThat(both.mqtt).isNotNull();
        assertThat(both.ws).isNotNull();
        assertThatThrownBy(() -> CliOptions.parseShellLine(List.of("get", "--ca", "x.pem", "Device."), ws))
                .isInstanceOf(UsageException.class).hasMessageContaining("--ca is set when the shell starts");
    }

    @Test
    void connectFailuresReadWithoutExceptionClassNames() {
        assertThat(Connection.oneLine("connect failed: io.netty.channel.AbstractChannel$AnnotatedConnectException: "
                + "Connection refused: /127.0.0.1:4"))
                .isEqualTo(": connect failed: Connection refused: /127.0.0.1:4");
        assertThat(Connection.oneLine("handshake failed: javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path\n  more"))
                .isEqualTo(": handshake failed: PKIX path building failed: unable to find valid certification path more");
        assertThat(Connection.oneLine("connect failed: java.net.ConnectException")).isEqualTo(": connect failed: java.net.ConnectException");
        assertThat(Connection.oneLine("handshake request failed: io.netty.handler.ssl.NotSslRecordException: not an SSL/TLS record: "
                + "485454502f312e31203430302042616420526571756573740d0a636f6e74656e742d747970653a20746578742f706c61696e"))
                .isEqualTo(": handshake request failed: not an SSL/TLS record: 485454502f312e31...");
        assertThat(Connection.oneLine("x".repeat(1000))).hasSize(2 + 300 + 3);
        assertThat(Connection.oneLine(" ")).isEmpty();
        assertThat(Connection.oneLine(null)).isEmpty();
    }
}
