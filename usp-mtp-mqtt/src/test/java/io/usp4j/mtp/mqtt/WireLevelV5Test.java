package io.usp4j.mtp.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.core.transport.Destination;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real Paho 5.0 client against a scripted MQTT 5.0 server that reads the packets byte by byte: what CONNECT,
 * SUBSCRIBE and PUBLISH carry, and what the transport makes of CONNACK properties neither Artemis nor
 * mosquitto send (Response Information, {@code subscribe-topic}, Assigned Client Identifier).
 */
@Timeout(30)
class WireLevelV5Test {

    /** One MQTT control packet. */
    record Packet(int type, int flags, byte[] body) {}

    static Packet read(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new IOException("closed");
        }
        int length = varInt(in);
        byte[] body = new DataInputStream(in).readNBytes(length);
        return new Packet(first >> 4, first & 0x0f, body);
    }

    static int varInt(InputStream in) throws IOException {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = in.read();
            value |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    static void writeVarInt(ByteArrayOutputStream out, int v) {
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v > 0 ? b | 0x80 : b);
        } while (v > 0);
    }

    static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xff);
        out.writeBytes(b);
    }

    static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        writeVarInt(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Reads MQTT 5.0 properties into name → values (user properties as "user:key" → value). */
    static Map<String, List<String>> properties(byte[] body, int[] pos) {
        int[] p = pos;
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = body[p[0]++] & 0xff;
            length |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        int end = p[0] + length;
        Map<String, List<String>> props = new LinkedHashMap<>();
        while (p[0] < end) {
            int id = body[p[0]++] & 0xff;
            switch (id) {
                case 0x03, 0x08, 0x12, 0x1A -> props.computeIfAbsent(Integer.toHexString(id), k -> new ArrayList<>())
                        .add(string(body, p));
                case 0x26 -> {
                    String k = string(body, p);
                    props.computeIfAbsent("user:" + k, x -> new ArrayList<>()).add(string(body, p));
                }
                case 0x17, 0x19, 0x01 -> props.computeIfAbsent(Integer.toHexString(id), k -> new ArrayList<>())
                        .add(Integer.toString(body[p[0]++] & 0xff));
                case 0x11, 0x27 -> {
                    props.computeIfAbsent(Integer.toHexString(id), k -> new ArrayList<>()).add("int");
                    p[0] += 4;
                }
                case 0x21, 0x22 -> {
                    props.computeIfAbsent(Integer.toHexString(id), k -> new ArrayList<>()).add("short");
                    p[0] += 2;
                }
                default -> throw new IllegalStateException("unexpected property 0x" + Integer.toHexString(id));
            }
        }
        return props;
    }

    static String string(byte[] body, int[] p) {
        int len = ((body[p[0]] & 0xff) << 8) | (body[p[0] + 1] & 0xff);
        String s = new String(body, p[0] + 2, len, StandardCharsets.UTF_8);
        p[0] += 2 + len;
        return s;
    }

    @Test
    void connectSubscribeAndPublishCarryWhatTr369Asks() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Map<String, Object>> seen = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(20_000);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    Map<String, Object> result = new LinkedHashMap<>();
                    Packet connect = read(in);
                    assertThat(connect.type()).isEqualTo(1);
                    int[] p = {0};
                    assertThat(string(connect.body(), p)).isEqualTo("MQTT");
                    result.put("level", connect.body()[p[0]++] & 0xff);
                    result.put("flags", connect.body()[p[0]++] & 0xff);
                    result.put("keepAlive", ((connect.body()[p[0]] & 0xff) << 8) | (connect.body()[p[0] + 1] & 0xff));
                    p[0] += 2;
                    result.put("connectProps", properties(connect.body(), p));
                    result.put("clientId", string(connect.body(), p));

                    ByteArrayOutputStream props = new ByteArrayOutputStream();
                    props.write(0x12);
                    writeString(props, "assigned-42");
                    props.write(0x1A);
                    writeString(props, "usp/agents/assigned-42");
                    props.write(0x26);
                    writeString(props, "subscribe-topic");
                    writeString(props, "usp/extra/+");
                    ByteArrayOutputStream connack = new ByteArrayOutputStream();
                    connack.write(0);
                    connack.write(0);
                    writeVarInt(connack, props.size());
                    connack.writeBytes(props.toByteArray());
                    out.write(packet(0x20, connack.toByteArray()));
                    out.flush();

                    Packet subscribe = read(in);
                    assertThat(subscribe.type()).isEqualTo(8);
                    int[] q = {2};
                    properties(subscribe.body(), q);
                    List<String> filters = new ArrayList<>();
                    while (q[0] < subscribe.body().length) {
                        filters.add(string(subscribe.body(), q));
                        q[0]++;
                    }
                    result.put("filters", filters);
                    ByteArrayOutputStream suback = new ByteArrayOutputStream();
                    suback.write(subscribe.body()[0]);
                    suback.write(subscribe.body()[1]);
                    suback.write(0);
                    filters.forEach(f -> suback.write(1));
                    out.write(packet(0x90, suback.toByteArray()));
                    out.flush();

                    Packet publish = read(in);
                    assertThat(publish.type()).isEqualTo(3);
                    result.put("qos", (publish.flags() >> 1) & 3);
                    int[] r = {0};
                    result.put("topic", string(publish.body(), r));
                    byte[] id = {publish.body()[r[0]], publish.body()[r[0] + 1]};
                    r[0] += 2;
                    result.put("publishProps", properties(publish.body(), r));
                    result.put("payload", new String(publish.body(), r[0], publish.body().length - r[0], StandardCharsets.UTF_8));
                    out.write(packet(0x40, new byte[] {id[0], id[1], 0, 0}));
                    out.flush();
                    return result;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            MqttSettings settings = MqttSettings.builder("proto::wire-agent", "127.0.0.1", server.getLocalPort())
                    .keepAlive(Duration.ofSeconds(45))
                    .subscribe("usp/configured/#")
                    .responseTopic("usp/never/used")
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            try (MqttTransport t = new MqttTransport(settings)) {
                t.start(new MqttTransportTest.Receiver());
                MqttTransportTest.await(t::isConnected);
                t.send(new Destination("proto::ctrl", Map.of(MqttTransport.TOPIC, "usp/controllers/ctrl")),
                        "record".getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                Map<String, Object> wire = seen.get(10, TimeUnit.SECONDS);

                assertThat(wire.get("level")).isEqualTo(5);
                assertThat(wire.get("keepAlive")).isEqualTo(45);
                assertThat(wire.get("clientId")).isEqualTo("");
                assertThat((Integer) wire.get("flags") & 0x02).as("clean start").isEqualTo(2);
                @SuppressWarnings("unchecked") // built above as this type
                Map<String, List<String>> connectProps = (Map<String, List<String>>) wire.get("connectProps");
                assertThat(connectProps.get("19")).as("Request Response Information").containsExactly("1");
                assertThat(connectProps.get("user:usp-endpoint-id")).containsExactly("proto::wire-agent");
                // Configured filter, subscribe-topic, then the Response Information topic, which neither covers.
                assertThat(wire.get("filters")).isEqualTo(List.of("usp/configured/#", "usp/extra/+", "usp/agents/assigned-42"));
                assertThat(wire.get("topic")).isEqualTo("usp/controllers/ctrl");
                assertThat(wire.get("qos")).isEqualTo(1);
                @SuppressWarnings("unchecked") // built above as this type
                Map<String, List<String>> publishProps = (Map<String, List<String>>) wire.get("publishProps");
                assertThat(publishProps.get("3")).as("Content Type").containsExactly("usp.msg");
                assertThat(publishProps.get("8")).as("Response Topic").containsExactly("usp/agents/assigned-42");
                assertThat(wire.get("payload")).isEqualTo("record");
                assertThat(t.status().clientId()).isEqualTo("assigned-42");
                assertThat(t.status().responseTopicDiscovered()).isEqualTo("usp/agents/assigned-42");
                assertThat(t.status().replyTopic()).isEqualTo("usp/agents/assigned-42");
            }
        }
    }
}
