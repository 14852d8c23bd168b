package io.usp4j.core.endpoint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A USP Endpoint Identifier, {@code authority-scheme ":" [authority-id] ":" instance-id} (TR-369, Architecture,
 * "Endpoint Identifier"): immutable, valid by construction, and compared by its exact text.
 *
 * <p>Equality, {@link #hashCode()} and {@link #toString()} use the text exactly as parsed. USP compares Endpoint
 * IDs as strings everywhere ({@code to_id}/{@code from_id} checks, the {@code EndpointID} unique key of
 * {@code Device.LocalAgent.Controller.{i}.}), so this type never rewrites case or escapes: {@code oui:00256d:x} and
 * {@code oui:00256D:x} are both valid and are two different IDs.
 *
 * <h2>What is checked</h2>
 * As strict as the specification and no stricter; where it is vague, the text is accepted.
 * <ul>
 * <li><b>authority-scheme</b>: one of the twelve {@link AuthorityScheme}s. Letter case is ignored when matching, as for
 *     every literal of the RFC 2234 ABNF that TR-369 uses, and kept in the text.</li>
 * <li><b>authority-id</b>, per scheme:
 *     {@code oui}: 6, 7 or 9 hex digits (24-bit MA-L, 28-bit MA-M, 36-bit MA-S; the latter two since USP 1.4);
 *     {@code cid}: 6 hex digits; {@code pen}: one or more decimal digits (no upper bound is given; leading zeros
 *     are accepted); {@code self}, {@code user}, {@code doc}: 0 to 6 "non-reserved" characters, read as the
 *     {@code unreserved} set of R-ARC.5 ({@code A-Z a-z 0-9 - . _}, no percent-escapes); {@code proto}: the same
 *     without {@code "."}; {@code os}, {@code ops}, {@code uuid}, {@code imei}, {@code fqdn}: empty. Hex digits may be
 *     of either case.</li>
 * <li><b>instance-id</b>, for every scheme: not empty, at most 50 characters counted as written (an escape counts
 *     three, R-ARC.6), only {@code A-Z a-z 0-9 - . _} and {@code %HH} escapes with HH two hex digits of either
 *     case (R-ARC.5). Then, per scheme:
 *     {@code os}: {@code <OUI>-<SerialNumber>} and {@code ops}: {@code <OUI>-<ProductClass>-<SerialNumber>}, with
 *     the OUI as 6 upper-case hex digits (TR-069's device identity, the {@code [0-9A-F]{6}} pattern of
 *     {@code DeviceInfo.ManufacturerOUI}), a non-empty ProductClass ending at the next {@code '-'} and a non-empty
 *     SerialNumber (which may itself contain {@code '-'});
 *     {@code uuid}: the RFC 4122 text form, 8-4-4-4-12 hex digits of either case, any version or variant;
 *     {@code imei}: exactly 15 decimal digits. The Luhn check digit is not verified, because the specification's
 *     own example ({@code imei::990000862471854}) does not satisfy it;
 *     {@code fqdn}: a host name of dot-separated labels of letters, digits and {@code '-'} (1 to 63 characters,
 *     not starting or ending with {@code '-'}), no wildcard, no escape, no trailing dot (it must equal a
 *     certificate dNSName, R-ARC.4a), and a last label that is not all digits (an IPv4 address is not a domain
 *     name). A single label is accepted.
 *     The instance-id of {@code oui}, {@code cid}, {@code pen}, {@code self}, {@code user}, {@code proto} and
 *     {@code doc} is defined by its authority and is not checked further.</li>
 * </ul>
 * Uniqueness (R-ARC.0 to R-ARC.2) and the reservation of BBF's identifiers (R-ARC.3) cannot be decided from the
 * text; {@link #usesBbfReservedAuthority()} and {@link #isProductionAllowed()} report what can.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EndpointId {
    /** The prefix that turns an Endpoint ID into a URN, as carried in a certificate's subjectAltName URI. */
    public static final String URN_PREFIX = "urn:bbf:usp:id:";

    /** The longest instance-id allowed, in characters as written (R-ARC.6). */
    public static final int MAX_INSTANCE_ID_LENGTH = EndpointIdSyntax.MAX_INSTANCE_ID_LENGTH;

    private static final String BBF_OUI = "00256D";
    private static final String BBF_PEN = "3561";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String text;
    private final AuthorityScheme scheme;
    private final String authorityId;
    private final String instanceId;

    EndpointId(String text, AuthorityScheme scheme, String authorityId, String instanceId) {
        this.text = text;
        this.scheme = scheme;
        this.authorityId = authorityId;
        this.instanceId = instanceId;
    }

    /**
     * Parses an Endpoint ID such as {@code os::00256D-0123456789}.
     *
     * @throws EndpointIdException (USP 7012) naming the broken rule when {@code text} is not a valid Endpoint ID
     * @throws NullPointerException when {@code text} is null
     */
    public static EndpointId parse(CharSequence text) {
        String s = text.toString();
        return EndpointIdSyntax.parse(s, s);
    }

    /**
     * As {@link #parse(CharSequence)}, without the exception.
     *
     * @return the Endpoint ID, or empty when {@code text} is null or not valid
     */
    public static Optional<EndpointId> tryParse(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (EndpointIdException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} is a valid Endpoint ID; false for null. */
    public static boolean isValid(CharSequence text) {
        return tryParse(text).isPresent();
    }

    /**
     * Builds an Endpoint ID from its parts, checking them as {@link #parse} does.
     *
     * @param scheme the authority-scheme, written in lower case
     * @param authorityId the authority-id, empty when absent
     * @param instanceId the instance-id exactly as it is to appear (already percent-encoded; see
     *     {@link #percentEncode(String)})
     * @throws EndpointIdException (USP 7012) when a part breaks its scheme's rules
     * @throws NullPointerException when an argument is null
     */
    public static EndpointId of(AuthorityScheme scheme, String authorityId, String instanceId) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(authorityId, "authorityId");
        Objects.requireNonNull(instanceId, "instanceId");
        String text = scheme.token() + ":" + authorityId + ":" + instanceId;
        if (authorityId.indexOf(':') >= 0 || instanceId.indexOf(':') >= 0) {
            throw new EndpointIdException(text, "the authority-id and instance-id may not contain ':'");
        }
        EndpointIdSyntax.checkAuthorityId(scheme, authorityId, text);
        EndpointIdSyntax.checkInstanceId(scheme, instanceId, text);
        return new EndpointId(text, scheme, authorityId, instanceId);
    }

    /**
     * The {@code os} Endpoint ID of a device, {@code os::<OUI>-<SerialNumber>}, from the values of
     * {@code DeviceInfo.ManufacturerOUI} and {@code DeviceInfo.SerialNumber}. Characters of the serial number
     * outside R-ARC.5's set are percent-encoded (UTF-8).
     *
     * @throws EndpointIdException (USP 7012) when the OUI is not 6 upper-case hex digits, the serial number is
     *     empty, or the result exceeds 50 characters
     * @throws NullPointerException when an argument is null
     */
    public static EndpointId os(String oui, String serialNumber) {
        Objects.requireNonNull(oui, "oui");
        return of(AuthorityScheme.OS, "", oui + "-" + percentEncode(serialNumber));
    }

    /**
     * The {@code ops} Endpoint ID of a device, {@code ops::<OUI>-<ProductClass>-<SerialNumber>}, from the values of
     * {@code DeviceInfo.ManufacturerOUI}, {@code ProductClass} and {@code SerialNumber}. Characters outside
     * R-ARC.5's set are percent-encoded (UTF-8), and so is every {@code '-'} of the product class ({@code %2D}), so
     * that the three parts can be told apart again.
     *
     * @throws EndpointIdException (USP 7012) when the OUI is not 6 upper-case hex digits, the product class or
     *     serial number is empty, or the result exceeds 50 characters
     * @throws NullPointerException when an argument is null
     */
    public static EndpointId ops(String oui, String productClass, String serialNumber) {
        Objects.requireNonNull(oui, "oui");
        String pc = percentEncode(productClass).replace("-", "%2D");
        return of(AuthorityScheme.OPS, "", oui + "-" + pc + "-" + percentEncode(serialNumber));
    }

    /**
     * Encodes arbitrary text for use in an instance-id: characters of R-ARC.5's unreserved set are kept, every other
     * character is written as {@code %HH} escapes (upper-case hex) of its UTF-8 bytes. The result is not checked
     * for length.
     *
     * @throws NullPointerException when {@code raw} is null
     */
    public static String percentEncode(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && Ascii.isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * Parses the URN form {@code urn:bbf:usp:id:<endpoint id>}, as found in a certificate's subjectAltName URI. The
     * {@code urn} and {@code bbf} parts are matched ignoring case (RFC 2141 makes them case-insensitive); the rest of
     * the prefix must be {@code usp:id:} exactly.
     *
     * @throws EndpointIdException (USP 7012) when the prefix is missing or what follows is not a valid Endpoint ID
     * @throws NullPointerException when {@code urn} is null
     */
    public static EndpointId parseUrn(CharSequence urn) {
        String s = urn.toString();
        if (!isEndpointIdUrn(s)) {
            throw new EndpointIdException(s, "a USP Endpoint ID URN must start with \"" + URN_PREFIX + "\"");
        }
        return EndpointIdSyntax.parse(s.substring(URN_PREFIX.length()), s);
    }

    /**
     * Whether {@code uri} starts with the Endpoint ID URN prefix (checked as {@link #parseUrn} does), i.e. whether a
     * subjectAltName URI claims to carry an Endpoint ID. The remainder is not checked. False for null.
     */
    public static boolean isEndpointIdUrn(CharSequence uri) {
        if (uri == null) {
            return false;
        }
        String s = uri.toString();
        return s.length() >= URN_PREFIX.length() && Ascii.equalsIgnoreCase(s.substring(0, 8), URN_PREFIX.substring(0, 8))
                && s.startsWith(URN_PREFIX.substring(8), 8);
    }

    /** The authority-scheme. */
    public AuthorityScheme scheme() {
        return scheme;
    }

    /** The authority-id as written; empty when the ID has none. */
    public String authorityId() {
        return authorityId;
    }

    /** The instance-id as written, with any {@code %HH} escapes left in place. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * The instance-id's octets after percent-decoding: each {@code %HH} becomes the octet HH, every other character
     * its ASCII code. A new array on every call.
     */
    public byte[] decodedInstanceIdOctets() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(instanceId.length());
        for (int i = 0; i < instanceId.length(); i++) {
            char c = instanceId.charAt(i);
            if (c == '%') {
                out.write(Ascii.hexValue(instanceId.charAt(i + 1)) << 4 | Ascii.hexValue(instanceId.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /**
     * The instance-id after percent-decoding, with the octets read as UTF-8; octet sequences that are not UTF-8 become
     * U+FFFD (use {@link #decodedInstanceIdOctets()} to see them).
     */
    public String decodedInstanceId() {
        return new String(decodedInstanceIdOctets(), StandardCharsets.UTF_8);
    }

    /**
     * Whether the ID uses an identifier TR-369 reserves for BBF documentation and prototyping (R-ARC.3): the BBF OUI
     * {@code 00256D} as the authority-id of {@code oui} (also as the first 6 digits of a 7- or 9-digit MA-M / MA-S,
     * which lie inside it) or as the OUI of an {@code os} / {@code ops} instance-id, or the BBF Private Enterprise
     * Number 3561 (leading zeros ignored) as the authority-id of {@code pen}. Hex case is ignored.
     */
    public boolean usesBbfReservedAuthority() {
        return switch (scheme) {
            case OUI -> Ascii.equalsIgnoreCase(authorityId.substring(0, BBF_OUI.length()), BBF_OUI);
            case OS, OPS -> instanceId.startsWith(BBF_OUI);
            case PEN -> stripLeadingZeros(authorityId).equals(BBF_PEN);
            default -> false;
        };
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** Whether the ID may be used in production: false for the {@code proto} and {@code doc} schemes (R-ARC.4). */
    public boolean isProductionAllowed() {
        return scheme.isProductionAllowed();
    }

    /** The URN form, {@code urn:bbf:usp:id:} followed by {@link #toString()}, as put in a certificate's subjectAltName. */
    public String toUrn() {
        return URN_PREFIX + text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointId other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The Endpoint ID exactly as parsed or built; {@code parse(id.toString()).equals(id)}. */
    @Override
    public String toString() {
        return text;
    }
}
