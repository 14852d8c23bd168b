package io.usp4j.core.path;

import java.util.Objects;

/**
 * The constant of a comparison. A quoted literal ({@code "My%22SSID"}) holds its decoded text
 * ({@code My"SSID}); an unquoted one ({@code 1000}, {@code true}, {@code 2021-06-06T08:00:00Z}) holds the
 * token as written. Its type is known only once the compared parameter's type is known.
 *
 * <p>Escapes in quoted literals: TR-369 asks for {@code "} to be written {@code %22} and therefore a literal
 * {@code %} as {@code %25}. The parser reads percent-escapes generally: every {@code %HH} (two hex digits,
 * either case) is one byte, runs of escaped bytes are decoded as UTF-8, and a {@code %} that does not start
 * such an escape is a syntax error (7008). When written back only {@code "} and {@code %} are escaped.
 *
 * <p>Unquoted literals are one or more of {@code A-Z a-z 0-9 + - . : _}: booleans, integers ({@code -5},
 * {@code +123}, {@code 08}), decimals and dateTimes; anything else must be quoted.
 *
 * @param text the decoded text of a quoted literal, or the raw token of an unquoted one
 * @param quoted whether it was written between double quotes
 */
public record Literal(String text, boolean quoted) {
    /** @throws IllegalArgumentException when an unquoted literal holds a character that needs quotes, or is empty */
    public Literal {
        Objects.requireNonNull(text, "text");
        if (!quoted && !PathParser.isUnquotedToken(text)) {
            throw new IllegalArgumentException("not writable as an unquoted literal: \"" + text + "\"");
        }
    }

    /** A quoted (string) literal holding {@code text}. */
    public static Literal quoted(String text) {
        return new Literal(text, true);
    }

    /** An unquoted literal (number, boolean, dateTime...) written as {@code token}. */
    public static Literal unquoted(String token) {
        return new Literal(token, false);
    }

    /** The literal as written in a path: quoted and escaped, or the bare token. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(text.length() + 2);
        PathParser.appendLiteral(sb, this);
        return sb.toString();
    }
}
