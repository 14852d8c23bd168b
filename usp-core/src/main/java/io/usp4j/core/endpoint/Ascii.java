package io.usp4j.core.endpoint;

/** Character classes of TR-369's Endpoint ID grammar. ASCII only: Java's Unicode case folding would let e.g. U+212A match 'k'. */
final class Ascii {
    private Ascii() {
    }

    static boolean isAlpha(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    static boolean isUpperHexDigit(char c) {
        return isDigit(c) || (c >= 'A' && c <= 'F');
    }

    /** {@code unreserved} as R-ARC.5 defines it: ALPHA / DIGIT / "-" / "." / "_" (no "~", unlike RFC 3986). */
    static boolean isUnreserved(char c) {
        return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_';
    }

    static int hexValue(char c) {
        if (isDigit(c)) {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }

    static boolean equalsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (lower(a.charAt(i)) != lower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    static boolean allMatch(String s, int from, int to, CharClass cls) {
        for (int i = from; i < to; i++) {
            if (!cls.test(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    interface CharClass {
        boolean test(char c);
    }
}
