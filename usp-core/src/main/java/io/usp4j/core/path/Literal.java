package io.usp4j.core.path;

/**
 * The constant of a comparison. A quoted literal ({@code "My%22SSID"}) holds its decoded text
 * ({@code My"SSID}); an unquoted one ({@code 1000}, {@code true}, {@code 2021-06-06T08:00:00Z}) holds the
 * token as written. Its type is known only once the compared parameter's type is known.
 *
 * @param text the decoded text of a quoted literal, or the raw token of an unquoted one
 * @param quoted whether it was written between double quotes
 */
public record Literal(String text, boolean quoted) {}
