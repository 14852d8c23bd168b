package io.usp4j.core.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks what protobuf-java's parser lets pass silently: a {@code oneof} with more than one member on the
 * wire (the parser keeps the last one; TR-369 R-ENC.3 says a oneof carries exactly one). Walks the bytes
 * guided by the message descriptor, descending into every nested message.
 *
 * <p>Stateless and thread-safe.
 */
public final class StrictDecoding {
    /** Deeper nesting than any USP message has; bounds the recursion on hostile input. */
    private static final int MAX_DEPTH = 32;

    private StrictDecoding() {}

    /**
     * Finds the first oneof of {@code type} (or of a message nested in it) that has several members in
     * {@code bytes}.
     *
     * @return the full name of the offending oneof (e.g. {@code usp.Request.req_type}), or null when every
     *     oneof has at most one member
     * @throws InvalidProtocolBufferException when the bytes are not a protobuf encoding at all
     */
    public static String firstOneofConflict(Descriptor type, byte[] bytes) throws InvalidProtocolBufferException {
        try {
            return scan(type, CodedInputStream.newInstance(bytes), 0);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
    }

    private static String scan(Descriptor type, CodedInputStream in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new InvalidProtocolBufferException("message nesting deeper than " + MAX_DEPTH);
        }
        Map<OneofDescriptor, Integer> seen = null;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return null;
            }
            FieldDescriptor field = type.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
            if (field == null) {
                in.skipField(tag);
                continue;
            }
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof != null) {
                if (seen == null) {
                    seen = new HashMap<>(4);
                }
                Integer previous = seen.putIfAbsent(oneof, field.getNumber());
                if (previous != null && previous != field.getNumber()) {
                    return oneof.getFullName();
                }
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int length = in.readRawVarint32();
                if (length < 0) {
                    throw new InvalidProtocolBufferException("negative length");
                }
                int limit = in.pushLimit(length);
                String inner = scan(field.getMessageType(), in, depth + 1);
                if (inner != null) {
                    return inner;
                }
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
    }
}
