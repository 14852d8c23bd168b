package io.usp4j.core.endpoint;

import java.util.Optional;

/**
 * The twelve {@code authority-scheme} values of TR-369 (R-ARC.2a). The scheme decides what the
 * {@code authority-id} must look like and, for some schemes, the form of the {@code instance-id}; see
 * {@link EndpointId} for the rules this library enforces for each.
 *
 * <p>Immutable and thread-safe.
 */
public enum AuthorityScheme {
    /** IEEE OUI (MA-L, 24-bit), MA-M (28-bit) or MA-S (36-bit) as 6, 7 or 9 hex digits; instance-id chosen by its owner. */
    OUI("oui"),
    /** IEEE Company ID as 6 hex digits; instance-id chosen by its owner. */
    CID("cid"),
    /** IANA Private Enterprise Number in decimal; instance-id chosen by its owner. */
    PEN("pen"),
    /** Chosen by the Endpoint itself; optional authority-id of up to 6 characters. */
    SELF("self"),
    /** Assigned by a user or a management interface; optional authority-id of up to 6 characters. */
    USER("user"),
    /** Empty authority-id; instance-id is {@code <OUI>-<SerialNumber>} (TR-069 device identity). */
    OS("os"),
    /** Empty authority-id; instance-id is {@code <OUI>-<ProductClass>-<SerialNumber>} (TR-069 device identity). */
    OPS("ops"),
    /** Empty authority-id; instance-id is an RFC 4122 UUID in its text form. */
    UUID("uuid"),
    /** Empty authority-id; instance-id is a GSMA IMEI (15 digits). */
    IMEI("imei"),
    /** Prototyping only (R-ARC.4); optional authority-id of up to 6 characters, no ".". */
    PROTO("proto"),
    /** Documentation only (R-ARC.4); optional authority-id of up to 6 characters. */
    DOC("doc"),
    /** Since USP 1.3: empty authority-id; instance-id is a fully qualified domain name without wildcards. */
    FQDN("fqdn");

    private final String token;

    AuthorityScheme(String token) {
        this.token = token;
    }

    /** The scheme as written in an Endpoint ID, in lower case: {@code "oui"}, {@code "uuid"}, ... */
    public String token() {
        return token;
    }

    /**
     * The scheme named by {@code token}. Matching ignores ASCII case, as literal strings in the ABNF of RFC 2234
     * (which TR-369 uses) do.
     *
     * @return the scheme, or empty when {@code token} names none of the twelve
     */
    public static Optional<AuthorityScheme> fromToken(String token) {
        for (AuthorityScheme scheme : values()) {
            if (Ascii.equalsIgnoreCase(scheme.token, token)) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }

    /** Whether the authority-id must be empty ({@code os}, {@code ops}, {@code uuid}, {@code imei}, {@code fqdn}). */
    public boolean requiresEmptyAuthorityId() {
        return this == OS || this == OPS || this == UUID || this == IMEI || this == FQDN;
    }

    /** Whether Endpoint IDs of this scheme may be used in production: all but {@code proto} and {@code doc} (R-ARC.4). */
    public boolean isProductionAllowed() {
        return this != PROTO && this != DOC;
    }

    /** The {@link #token()}. */
    @Override
    public String toString() {
        return token;
    }
}
