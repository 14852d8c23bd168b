package io.usp4j.mtp.websocket;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Reads the {@code from_id} of an encoded USP Record without decoding the rest (field 3, a string), so the
 * transport can name a peer whose handshake did not. Stateless.
 */
final class RecordPeek {
    private static final int FROM_ID = 3;

    private RecordPeek() {}

    /** The Record's {@code from_id}, or empty when it has none or the bytes are not a Record. */
    static String fromId(byte[] record) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(record);
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    return "";
                }
                if (WireFormat.getTagFieldNumber(tag) == FROM_ID
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    return in.readStringRequireUtf8();
                }
                if (!in.skipField(tag)) {
                    return "";
                }
            }
        } catch (IOException e) {
            return "";
        }
    }
}
