package io.usp4j.mtp.mqtt;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Reads the {@code from_id} of an encoded USP Record without decoding the rest (field 3, a string), so the
 * transport can name the Controller behind a reply-to topic, and the {@code mqtt_connect} fields (field 10) so
 * that it can see an MQTT version mismatch (R-MQTT.26a). Stateless.
 */
final class RecordPeek {
    private static final int FROM_ID = 3;
    private static final int MQTT_CONNECT = 10;

    private RecordPeek() {}

    /**
     * What the transport needs of a Record.
     *
     * @param fromId its {@code from_id}; empty when none
     * @param mqttConnect whether it is an {@code mqtt_connect} Record
     * @param mqttVersion the {@code mqtt_connect} version (0 = 3.1.1, 1 = 5.0); 0 when not one
     * @param subscribedTopic the {@code mqtt_connect} subscribed_topic; empty when none
     */
    record Peek(String fromId, boolean mqttConnect, int mqttVersion, String subscribedTopic) {
        static final Peek NONE = new Peek("", false, 0, "");
    }

    /** The Record's {@code from_id}, or empty when it has none or the bytes are not a Record. */
    static String fromId(byte[] record) {
        return peek(record).fromId();
    }

    /** The from_id and the mqtt_connect fields of an encoded Record; {@link Peek#NONE} when it is not a Record. */
    static Peek peek(byte[] record) {
        String from = "";
        boolean connect = false;
        int version = 0;
        String topic = "";
        try {
            CodedInputStream in = CodedInputStream.newInstance(record);
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    return new Peek(from, connect, version, topic);
                }
                int field = WireFormat.getTagFieldNumber(tag);
                boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
                if (field == FROM_ID && delimited) {
                    from = in.readStringRequireUtf8();
                } else if (field == MQTT_CONNECT && delimited) {
                    connect = true;
                    CodedInputStream c = CodedInputStream.newInstance(in.readByteArray());
                    for (int t = c.readTag(); t != 0; t = c.readTag()) {
                        int f = WireFormat.getTagFieldNumber(t);
                        int type = WireFormat.getTagWireType(t);
                        if (f == 1 && type == WireFormat.WIRETYPE_VARINT) {
                            version = c.readEnum();
                        } else if (f == 2 && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                            topic = c.readStringRequireUtf8();
                        } else if (!c.skipField(t)) {
                            break;
                        }
                    }
                } else if (!in.skipField(tag)) {
                    return new Peek(from, connect, version, topic);
                }
            }
        } catch (IOException e) {
            return Peek.NONE;
        }
    }
}
