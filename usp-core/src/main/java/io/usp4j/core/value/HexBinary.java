package io.usp4j.core.value;

/** The {@code hexBinary} lexical form: pairs of hexadecimal digits, upper case when written. */
final class HexBinary {
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private HexBinary() {}

    static byte[] parse(String s) {
        if ((s.length() & 1) != 0) {
            throw new InvalidTypeException(ValueType.HEX_BINARY, false, s, "an odd number of hex digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || s.charAt(2 * i) > 'f' || s.charAt(2 * i + 1) > 'f') {
                throw new InvalidTypeException(ValueType.HEX_BINARY, false, s,
                        "'" + (hi < 0 ? s.charAt(2 * i) : s.charAt(2 * i + 1)) + "' is not a hex digit");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    static String format(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
