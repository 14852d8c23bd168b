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

    /** What {@link #msgType} returns when the Message cannot be seen (encrypted, segmented, or not a Record). */
    static final int UNKNOWN = -1;

    /**
     * The {@code msg_type} of the USP Message a Record carries, without decoding the rest: from a
     * no_session_context Record, or a plaintext session_context Record holding one whole Message.
     *
     * @return the {@code Header.MsgType} number, or {@link #UNKNOWN}
     */
    static int msgType(byte[] record) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(record);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (field == 4 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                    if (in.readEnum() != 0) {
                        return UNKNOWN; // not PLAINTEXT
                    }
                } else if (field == 7 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    return messageType(field(in.readByteArray(), 2));
                } else if (field == 8 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    return sessionMessageType(in.readByteArray());
                } else if (!in.skipField(tag)) {
                    return UNKNOWN;
                }
            }
            return UNKNOWN;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** A session_context Record's Message type, when it holds one whole Message. */
    private static int sessionMessageType(byte[] session) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(session);
        byte[] payload = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 5 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                if (in.readEnum() != 0) {
                    return UNKNOWN; // segmented
                }
            } else if (field == 7 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                if (payload != null) {
                    return UNKNOWN;
                }
                payload = in.readByteArray();
            } else if (!in.skipField(tag)) {
                return UNKNOWN;
            }
        }
        return payload == null ? UNKNOWN : messageType(payload);
    }

    /** A Msg's header msg_type (absent on the wire means ERROR, the enum's zero). */
    private static int messageType(byte[] msg) throws IOException {
        if (msg == null) {
            return UNKNOWN;
        }
        byte[] header = field(msg, 1);
        if (header == null) {
            return UNKNOWN;
        }
        CodedInputStream in = CodedInputStream.newInstance(header);
        int type = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                type = in.readEnum();
            } else if (!in.skipField(tag)) {
                return UNKNOWN;
            }
        }
        return type;
    }

    /** The bytes of a length-delimited field of a message, or null. */
    private static byte[] field(byte[] message, int number) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == number
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                return in.readByteArray();
            }
            if (!in.skipField(tag)) {
                return null;
            }
        }
        return null;
    }
}
