package io.usp4j.core.record;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.usp4j.core.internal.StrictDecoding;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.record.NoSessionContextRecord;
import io.usp4j.core.proto.record.Record;
import java.io.IOException;
import java.util.Objects;

/**
 * Turns USP Records into bytes and back, strictly: what the protobuf runtime would let pass but TR-369
 * forbids is reported, never silently accepted.
 *
 * <p>Stateless and thread-safe.
 */
public final class RecordCodec {
    private static final int TO_ID = Record.TO_ID_FIELD_NUMBER;
    private static final int FROM_ID = Record.FROM_ID_FIELD_NUMBER;

    private RecordCodec() {}

    /** Serializes a Record. */
    public static byte[] encode(Record record) {
        return record.toByteArray();
    }

    /**
     * Parses a Record from the bytes an MTP delivered.
     *
     * @return the Record, with exactly one {@code record_type} member
     * @throws MalformedRecordException (USP 7100) when the bytes are not a Record, or its
     *     {@code record_type} oneof has no member or several (R-ENC.3/4: the Record is discarded)
     */
    public static Record decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        Record record;
        String conflict;
        try {
            record = Record.parseFrom(bytes);
            conflict = StrictDecoding.firstOneofConflict(Record.getDescriptor(), bytes);
        } catch (InvalidProtocolBufferException e) {
            throw malformed("not a USP Record: " + e.getMessage(), bytes, e);
        }
        if (conflict != null) {
            throw malformed("oneof " + conflict + " has more than one member", bytes, null);
        }
        if (record.getRecordTypeCase() == Record.RecordTypeCase.RECORDTYPE_NOT_SET) {
            throw malformed("Record has no record_type", bytes, null);
        }
        return record;
    }

    /**
     * Parses and checks a Record: {@link #decode} followed by {@link #validate}.
     *
     * @throws MalformedRecordException (7100) as {@link #decode}
     * @throws InvalidRecordException (7104) as {@link #validate}
     */
    public static Record decodeValid(byte[] bytes) {
        Record record = decode(bytes);
        validate(record);
        return record;
    }

    /**
     * Checks the values every Record must carry: {@code version} as {@code major.minor}, {@code to_id},
     * {@code from_id} (R-MTP.4b), and a non-empty payload in a {@code no_session_context} Record
     * (R-E2E.26).
     *
     * @throws InvalidRecordException (USP 7104) naming the first value that is wrong
     */
    public static void validate(Record record) {
        if (record.getVersion().isEmpty()) {
            throw new InvalidRecordException("Record has no version");
        }
        try {
            ProtocolVersion.parse(record.getVersion());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("Record version \"" + record.getVersion() + "\" is not major.minor");
        }
        if (record.getToId().isEmpty()) {
            throw new InvalidRecordException("Record has no to_id");
        }
        if (record.getFromId().isEmpty()) {
            throw new InvalidRecordException("Record has no from_id");
        }
        if (record.hasNoSessionContext() && record.getNoSessionContext().getPayload().isEmpty()) {
            throw new InvalidRecordException("no_session_context Record has an empty payload");
        }
    }

    /**
     * Wraps a Message into a {@code no_session_context} Record in the current USP version.
     *
     * @param toId the receiving endpoint
     * @param fromId the sending endpoint
     */
    public static Record noSessionContext(String toId, String fromId, Msg msg) {
        return noSessionContext(ProtocolVersion.CURRENT, toId, fromId, msg);
    }

    /** As {@link #noSessionContext(String, String, Msg)}, in the given USP version. */
    public static Record noSessionContext(ProtocolVersion version, String toId, String fromId, Msg msg) {
        return Record.newBuilder()
                .setVersion(version.toString())
                .setToId(Objects.requireNonNull(toId, "toId"))
                .setFromId(Objects.requireNonNull(fromId, "fromId"))
                .setNoSessionContext(NoSessionContextRecord.newBuilder().setPayload(msg.toByteString()))
                .build();
    }

    /**
     * The payload of a {@code no_session_context} Record.
     *
     * @throws IllegalArgumentException when the Record is of another type
     */
    public static ByteString payload(Record record) {
        if (!record.hasNoSessionContext()) {
            throw new IllegalArgumentException("not a no_session_context Record: " + record.getRecordTypeCase());
        }
        return record.getNoSessionContext().getPayload();
    }

    private static MalformedRecordException malformed(String message, byte[] bytes, Throwable cause) {
        String[] ids = salvageIds(bytes);
        return new MalformedRecordException(message, ids[0], ids[1], cause);
    }

    /** Reads to_id and from_id from the leading fields, up to the first byte that cannot be parsed. */
    private static String[] salvageIds(byte[] bytes) {
        String[] ids = new String[2];
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = WireFormat.getTagFieldNumber(tag);
                boolean text = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
                if (text && field == TO_ID) {
                    ids[0] = in.readStringRequireUtf8();
                } else if (text && field == FROM_ID) {
                    ids[1] = in.readStringRequireUtf8();
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException e) {
            // The failure itself is what the caller reports; what was read before it is all we can offer.
            return ids;
        }
        return ids;
    }
}
