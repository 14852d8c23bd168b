package io.usp4j.datamodel.instance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of a row's persisted values: a sequence of (name, value) pairs, each string written as a
 * 4-byte big-endian length and its UTF-8 bytes. Names rather than indexes, so a stored model survives a
 * schema that gains or loses parameters.
 */
final class RowCodec {
    private RowCodec() {}

    static byte[] encode(Row row, String[] values) {
        ObjectNode node = row.node;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (int i = 0; i < node.params.length; i++) {
            if (node.persisted[i] && values[i] != null) {
                write(out, node.params[i].name());
                write(out, values[i]);
            }
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >>> 24);
        out.write(b.length >>> 16);
        out.write(b.length >>> 8);
        out.write(b.length);
        out.write(b, 0, b.length);
    }

    /**
     * Reads the pairs back.
     *
     * @throws IllegalArgumentException when the bytes are not in this form
     */
    static Map<String, String> decode(byte[] bytes) {
        Map<String, String> out = new LinkedHashMap<>();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        while (in.hasRemaining()) {
            String name = read(in);
            String value = read(in);
            out.put(name, value);
        }
        return out;
    }

    private static String read(ByteBuffer in) {
        if (in.remaining() < 4) {
            throw new IllegalArgumentException("truncated row record");
        }
        int len = in.getInt();
        if (len < 0 || len > in.remaining()) {
            throw new IllegalArgumentException("bad length " + len + " in row record");
        }
        String s = new String(bytes(in, len), StandardCharsets.UTF_8);
        return s;
    }

    private static byte[] bytes(ByteBuffer in, int len) {
        byte[] b = new byte[len];
        in.get(b);
        return b;
    }
}
