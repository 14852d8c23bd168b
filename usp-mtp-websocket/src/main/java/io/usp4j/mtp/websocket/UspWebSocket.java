package io.usp4j.mtp.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The constants of the TR-369 WebSocket binding and the encoding of the {@code eid} query parameter.
 * Stateless.
 */
public final class UspWebSocket {
    /** The {@code Sec-WebSocket-Protocol} value for protobuf-encoded USP Records (R-WS.9). */
    public static final String SUBPROTOCOL = "v1.usp";
    /** The deprecated WebSocket extension that carried the Endpoint ID before USP 1.3 (R-WS.10a, R-WS.11a). */
    public static final String EXTENSION = "bbf-usp-protocol";
    /** The query key (and extension parameter) naming the client's Endpoint ID (R-WS.10b). */
    public static final String EID = "eid";
    /** The Close status for a Record that cannot be extracted (R-WS.16). */
    public static final int CLOSE_UNSUPPORTED_DATA = 1003;
    /** The Close status for a message larger than the configured maximum (RFC 6455 §7.4.1). */
    public static final int CLOSE_TOO_BIG = 1009;
    /** The Close status of a normal shutdown. */
    public static final int CLOSE_NORMAL = 1000;
    /** The Close status when an endpoint goes away (shutdown, keep-alive lost, replaced session). */
    public static final int CLOSE_GOING_AWAY = 1001;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UspWebSocket() {}

    /**
     * Percent-encodes an Endpoint ID as opaque data for the {@code eid} query parameter (R-WS.10c): every
     * byte of its UTF-8 form other than an RFC 3986 unreserved character or {@code :} becomes {@code %XX},
     * so {@code %} becomes {@code %25}.
     *
     * @throws NullPointerException when the ID is null
     */
    public static String encodeEid(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        StringBuilder b = new StringBuilder(endpointId.length() + 8);
        for (byte x : endpointId.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return b.toString();
    }

    /**
     * Reverses {@link #encodeEid}: {@code %XX} becomes the byte XX, everything else stays (a {@code +} is
     * not a space here).
     *
     * @throws IllegalArgumentException when a {@code %} is not followed by two hex digits or the bytes are
     *     not UTF-8
     */
    public static String decodeEid(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("truncated percent escape in '" + encoded + "'");
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad percent escape in '" + encoded + "'");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        byte[] bytes = out.toByteArray();
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), bytes)) {
            throw new IllegalArgumentException("the eid is not UTF-8: '" + encoded + "'");
        }
        return s;
    }

    /**
     * The {@code eid} parameter of a raw (still percent-encoded) query string, decoded; null when there is
     * none or it cannot be decoded.
     */
    static String eidFromQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(EID)) {
                try {
                    String id = decodeEid(pair.substring(eq + 1));
                    return id.isEmpty() ? null : id;
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * The {@code eid} parameter of a {@code bbf-usp-protocol} entry in a {@code Sec-WebSocket-Extensions}
     * header value; null when the extension is absent; empty when it is present without an eid.
     */
    static String eidFromExtensions(String header) {
        if (header == null) {
            return null;
        }
        for (String ext : header.split(",")) {
            String[] parts = ext.split(";");
            if (!parts[0].trim().equalsIgnoreCase(EXTENSION)) {
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                int eq = p.indexOf('=');
                if (eq > 0 && p.substring(0, eq).trim().equals(EID)) {
                    String v = p.substring(eq + 1).trim();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    return v;
                }
            }
            return "";
        }
        return null;
    }

    /** The {@code bbf-usp-protocol} extension header value announcing an Endpoint ID. */
    static String extensionHeader(String endpointId) {
        return EXTENSION + "; " + EID + "=\"" + endpointId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Whether a {@code Sec-WebSocket-Protocol} header value lists {@value #SUBPROTOCOL}. */
    static boolean offersUsp(String header) {
        if (header == null) {
            return false;
        }
        for (String p : header.split(",")) {
            if (p.trim().equals(SUBPROTOCOL)) {
                return true;
            }
        }
        return false;
    }
}
