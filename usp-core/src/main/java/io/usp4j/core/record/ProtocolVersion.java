package io.usp4j.core.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A USP protocol version, {@code major.minor}, as carried in {@code Record.version} and in the
 * comma-separated lists of GetSupportedProtocol.
 *
 * @param major the major version, 0 or more
 * @param minor the minor version, 0 or more
 */
public record ProtocolVersion(int major, int minor) implements Comparable<ProtocolVersion> {

    /** USP 1.0. */
    public static final ProtocolVersion V1_0 = new ProtocolVersion(1, 0);
    /** USP 1.4, the version this library speaks. */
    public static final ProtocolVersion V1_4 = new ProtocolVersion(1, 4);
    /** The version usp4j puts in the Records it sends. */
    public static final ProtocolVersion CURRENT = V1_4;
    /** The versions usp4j advertises in GetSupportedProtocolResp: 1.0 to 1.4. */
    public static final List<ProtocolVersion> SUPPORTED = List.of(
            V1_0, new ProtocolVersion(1, 1), new ProtocolVersion(1, 2), new ProtocolVersion(1, 3), V1_4);

    /** @throws IllegalArgumentException when a part is negative */
    public ProtocolVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative version part: " + major + "." + minor);
        }
    }

    /**
     * Parses {@code "major.minor"} (each part decimal digits, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static ProtocolVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        int dot = t.indexOf('.');
        if (dot <= 0 || dot == t.length() - 1 || t.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("not a USP version (major.minor): \"" + text + "\"");
        }
        return new ProtocolVersion(number(t, 0, dot, text), number(t, dot + 1, t.length(), text));
    }

    private static int number(String t, int from, int to, String original) {
        if (to - from > 9) {
            throw new IllegalArgumentException("version part too long: \"" + original + "\"");
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a USP version (major.minor): \"" + original + "\"");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * Parses a comma-separated list such as {@code "1.0,1.1,1.2"}; blanks around items are ignored and an
     * empty text gives an empty list.
     *
     * @throws IllegalArgumentException when an item is not a version
     */
    public static List<ProtocolVersion> parseList(String text) {
        List<ProtocolVersion> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String item : text.split(",", -1)) {
            out.add(parse(item));
        }
        return out;
    }

    /** Writes versions as GetSupportedProtocol does: {@code "1.0,1.1"}. */
    public static String formatList(List<ProtocolVersion> versions) {
        StringBuilder b = new StringBuilder();
        for (ProtocolVersion v : versions) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(v);
        }
        return b.toString();
    }

    /** True when this version is one usp4j supports (1.0 to 1.4). */
    public boolean isSupported() {
        return SUPPORTED.contains(this);
    }

    @Override
    public int compareTo(ProtocolVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
