package io.usp4j.core.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes protobuf bytes by hand — tag varints, lengths, little-endian fixed32 — without the protobuf
 * runtime, so golden tests compare the generated code against an independent encoding. Fields must be
 * added in ascending field-number order, as the runtime writes them.
 */
public final class Wire {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An empty message. */
    public static Wire message() {
        return new Wire();
    }

    public Wire string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public Wire bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    public Wire message(int field, Wire nested) {
        return bytes(field, nested.build());
    }

    public Wire varint(int field, long value) {
        tag(field, VARINT);
        varint(value);
        return this;
    }

    public Wire fixed32(int field, int value) {
        tag(field, FIXED32);
        for (int i = 0; i < 4; i++) {
            out.write((value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** A {@code map<string,string>} entry: an embedded message with key = 1, value = 2. */
    public Wire entry(int field, String key, String value) {
        return message(field, message().string(1, key).string(2, value));
    }

    /** Any bytes as they are, for hand-made malformations. */
    public Wire raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    public byte[] build() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
