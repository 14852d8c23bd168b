package io.usp4j.mtp.mqtt;

/** The MQTT protocol version a {@link MqttTransport} speaks, as {@code Device.MQTT.Client.{i}.ProtocolVersion} names it. */
public enum MqttVersion {
    /** MQTT 3.1.1: the reply-to topic travels in the topic name ({@code /reply-to=}, R-MQTT.24). */
    V3_1_1("3.1.1"),
    /** MQTT 5.0: the reply-to topic travels in the Response Topic property (R-MQTT.23). */
    V5("5.0");

    private final String label;

    MqttVersion(String label) {
        this.label = label;
    }

    /** The version as TR-181 writes it: {@code 3.1.1} or {@code 5.0}. */
    public String label() {
        return label;
    }
}
