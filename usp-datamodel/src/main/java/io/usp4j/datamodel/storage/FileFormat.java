package io.usp4j.datamodel.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk encodings of {@link FileStorage}, version {@value #VERSION}. All integers are big-endian.
 *
 * <pre>
 * journal  = header record*
 * header   = magic "USP4JJNL" | version:i32 | baseSeq:i64 | crc32c(previous 20 bytes):i32
 * record   = payloadLength:i32 | crc32c(payload):i32 | crc32c(previous 8 bytes):i32 | payload
 * payload  = seq:i64 | count:i32 | mutation*count
 * mutation = kind:u8 (1 put, 2 delete, 3 delete prefix) | namespace:str16 | key:str32 | [value:bytes32]
 *
 * snapshot = magic "USP4JSNP" | version:i32 | seq:i64 | namespaceCount:i32
 *            (namespace:str16 | entryCount:i32 | (key:str32 | value:bytes32)*entryCount)*namespaceCount
 *            | crc32c(everything before):i32
 * str16    = length:u16 | UTF-8 bytes;  str32 = length:i32 | UTF-8 bytes;  bytes32 = length:i32 | bytes
 * </pre>
 *
 * <p>The record header has its own checksum so that a damaged length is recognised without trusting it;
 * the payload checksum covers the commit sequence number and every mutation. Stateless and thread-safe.
 */
final class FileFormat {
    static final int VERSION = 1;
    static final byte[] JOURNAL_MAGIC = "USP4JJNL".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SNAPSHOT_MAGIC = "USP4JSNP".getBytes(StandardCharsets.US_ASCII);
    static final int JOURNAL_HEADER_BYTES = 8 + 4 + 8 + 4;
    static final int RECORD_HEADER_BYTES = 12;
    static final int MIN_PAYLOAD_BYTES = 8 + 4;
    /** Larger than any batch {@link WriteBatch} lets through, plus the payload's own fields. */
    static final int MAX_PAYLOAD_BYTES = WriteBatch.MAX_BATCH_BYTES + MIN_PAYLOAD_BYTES;

    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final byte DELETE_PREFIX = 3;

    private FileFormat() {
    }

    /** Bytes of the encoded data did not follow the format although their checksum matched. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /** One decoded journal record. */
    record Commit(long seq, List<Mutation> mutations) {
    }

    static int crc32c(ByteBuffer buffer, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(offset, length));
        return (int) crc.getValue();
    }

    static ByteBuffer journalHeader(long baseSeq) {
        ByteBuffer b = ByteBuffer.allocate(JOURNAL_HEADER_BYTES);
        b.put(JOURNAL_MAGIC).putInt(VERSION).putLong(baseSeq);
        b.putInt(crc32c(b, 0, JOURNAL_HEADER_BYTES - 4));
        return b.flip();
    }

    /** Encodes one commit as a complete journal record, ready to write. */
    static ByteBuffer record(long seq, List<Mutation> mutations, long encodedBytesHint) {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 64L, RECORD_HEADER_BYTES + MIN_PAYLOAD_BYTES
                + encodedBytesHint);
        ByteBuffer b = ByteBuffer.allocate(capacity);
        b.position(RECORD_HEADER_BYTES);
        b.putLong(seq).putInt(mutations.size());
        for (Mutation m : mutations) {
            if (m instanceof Mutation.Put put) {
                b.put(PUT);
                putStr16(b, put.namespace());
                putStr32(b, put.key());
                byte[] value = put.sharedValue();
                b.putInt(value.length).put(value);
            } else if (m instanceof Mutation.Delete delete) {
                b.put(DELETE);
                putStr16(b, delete.namespace());
                putStr32(b, delete.key());
            } else if (m instanceof Mutation.DeletePrefix deletePrefix) {
                b.put(DELETE_PREFIX);
                putStr16(b, deletePrefix.namespace());
                putStr32(b, deletePrefix.prefix());
            } else {
                throw new IllegalArgumentException("unknown mutation " + m);
            }
        }
        int payloadLength = b.position() - RECORD_HEADER_BYTES;
        b.putInt(0, payloadLength);
        b.putInt(4, crc32c(b, RECORD_HEADER_BYTES, payloadLength));
        b.putInt(8, crc32c(b, 0, 8));
        return b.flip();
    }

    /**
     * Checks whether a whole, intact record starts at {@code offset}.
     *
     * @return its payload length, or -1 when the bytes there are not an intact record
     */
    static int intactRecordAt(ByteBuffer journal, int offset, int limit) {
        if (limit - offset < RECORD_HEADER_BYTES) {
            return -1;
        }
        if (journal.getInt(offset + 8) != crc32c(journal, offset, 8)) {
            return -1;
        }
        int length = journal.getInt(offset);
        if (length < MIN_PAYLOAD_BYTES || length > MAX_PAYLOAD_BYTES
                || length > limit - offset - RECORD_HEADER_BYTES) {
            return -1;
        }
        if (journal.getInt(offset + 4) != crc32c(journal, offset + RECORD_HEADER_BYTES, length)) {
            return -1;
        }
        return length;
    }

    /** Decodes the payload of a record already found intact. */
    static Commit decodePayload(ByteBuffer journal, int payloadOffset, int length) throws FormatException {
        ByteBuffer b = journal.slice(payloadOffset, length);
        long seq = b.getLong();
        int count = b.getInt();
        if (count < 0 || count > length) {
            throw new FormatException("bad mutation count " + count);
        }
        List<Mutation> mutations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            need(b, 1);
            byte kind = b.get();
            String namespace = str16(b);
            String key = str32(b, WriteBatch.MAX_KEY_BYTES);
            switch (kind) {
                case PUT -> mutations.add(new Mutation.Put(namespace, key, bytes32(b, WriteBatch.MAX_VALUE_BYTES)));
                case DELETE -> mutations.add(new Mutation.Delete(namespace, key));
                case DELETE_PREFIX -> mutations.add(new Mutation.DeletePrefix(namespace, key));
                default -> throw new FormatException("unknown mutation kind " + kind);
            }
        }
        if (b.hasRemaining()) {
            throw new FormatException(b.remaining() + " stray bytes after the mutations");
        }
        return new Commit(seq, mutations);
    }

    static void putStr16(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putShort((short) bytes.length).put(bytes);
    }

    static void putStr32(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putInt(bytes.length).put(bytes);
    }

    static String str16(ByteBuffer b) throws FormatException {
        need(b, 2);
        int length = Short.toUnsignedInt(b.getShort());
        need(b, length);
        byte[] bytes = new byte[length];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String str32(ByteBuffer b, int max) throws FormatException {
        return new String(bytes32(b, max), StandardCharsets.UTF_8);
    }

    static byte[] bytes32(ByteBuffer b, int max) throws FormatException {
        need(b, 4);
        int length = b.getInt();
        if (length < 0 || length > max) {
            throw new FormatException("bad length " + length);
        }
        need(b, length);
        byte[] bytes = new byte[length];
        b.get(bytes);
        return bytes;
    }

    private static void need(ByteBuffer b, int n) throws FormatException {
        if (b.remaining() < n) {
            throw new FormatException("truncated: " + n + " bytes needed, " + b.remaining() + " left");
        }
    }
}
