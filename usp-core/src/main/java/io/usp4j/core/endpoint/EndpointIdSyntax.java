package io.usp4j.core.endpoint;

/**
 * The checks behind {@link EndpointId}: one method per part, each throwing {@link EndpointIdException} with the
 * broken rule. Stateless.
 */
final class EndpointIdSyntax {
    static final int MAX_INSTANCE_ID_LENGTH = 50;
    private static final int MAX_OPTIONAL_AUTHORITY_ID_LENGTH = 6;
    private static final int TR069_OUI_LENGTH = 6;
    private static final int UUID_LENGTH = 36;
    private static final int IMEI_LENGTH = 15;
    private static final int MAX_DNS_LABEL_LENGTH = 63;

    private EndpointIdSyntax() {
    }

    /** Splits and checks {@code idText}; failures quote {@code input} (the URN when parsing one). */
    static EndpointId parse(String idText, String input) {
        int first = idText.indexOf(':');
        if (first < 0) {
            throw new EndpointIdException(input, "expected authority-scheme \":\" [authority-id] \":\" instance-id, found no ':'");
        }
        int second = idText.indexOf(':', first + 1);
        if (second < 0) {
            throw new EndpointIdException(input,
                    "expected authority-scheme \":\" [authority-id] \":\" instance-id, found only one ':'");
        }
        if (idText.indexOf(':', second + 1) >= 0) {
            throw new EndpointIdException(input,
                    "more than two ':'; the instance-id may not contain ':' unless percent-encoded as %3A");
        }
        String schemeText = idText.substring(0, first);
        if (schemeText.isEmpty()) {
            throw new EndpointIdException(input, "the authority-scheme is missing");
        }
        AuthorityScheme scheme = AuthorityScheme.fromToken(schemeText).orElseThrow(() -> new EndpointIdException(input,
                "unknown authority-scheme \"" + schemeText + "\" (expected one of oui, cid, pen, self, user, os, ops, uuid,"
                        + " imei, proto, doc, fqdn)"));
        String authorityId = idText.substring(first + 1, second);
        String instanceId = idText.substring(second + 1);
        checkAuthorityId(scheme, authorityId, input);
        checkInstanceId(scheme, instanceId, input);
        return new EndpointId(idText, scheme, authorityId, instanceId);
    }

    static void checkAuthorityId(AuthorityScheme scheme, String a, String input) {
        switch (scheme) {
            case OUI -> {
                int n = a.length();
                if ((n != 6 && n != 7 && n != 9) || !Ascii.allMatch(a, 0, n, Ascii::isHexDigit)) {
                    throw new EndpointIdException(input, "the authority-id of scheme oui must be an IEEE OUI (MA-L), MA-M or"
                            + " MA-S written as 6, 7 or 9 hex digits, found \"" + a + "\"");
                }
            }
            case CID -> {
                if (a.length() != 6 || !Ascii.allMatch(a, 0, 6, Ascii::isHexDigit)) {
                    throw new EndpointIdException(input,
                            "the authority-id of scheme cid must be an IEEE CID written as 6 hex digits, found \"" + a + "\"");
                }
            }
            case PEN -> {
                if (a.isEmpty() || !Ascii.allMatch(a, 0, a.length(), Ascii::isDigit)) {
                    throw new EndpointIdException(input,
                            "the authority-id of scheme pen must be an IANA Private Enterprise Number in decimal, found \"" + a + "\"");
                }
            }
            case SELF, USER, DOC -> checkOptionalAuthorityId(scheme, a, false, input);
            case PROTO -> checkOptionalAuthorityId(scheme, a, true, input);
            case OS, OPS, UUID, IMEI, FQDN -> {
                if (!a.isEmpty()) {
                    throw new EndpointIdException(input,
                            "the authority-id of scheme " + scheme.token() + " must be empty, found \"" + a + "\"");
                }
            }
        }
    }

    private static void checkOptionalAuthorityId(AuthorityScheme scheme, String a, boolean noDot, String input) {
        if (a.length() > MAX_OPTIONAL_AUTHORITY_ID_LENGTH) {
            throw new EndpointIdException(input, "the authority-id of scheme " + scheme.token() + " has " + a.length()
                    + " characters, more than 6");
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (!Ascii.isUnreserved(c) || (noDot && c == '.')) {
                throw new EndpointIdException(input, "the authority-id of scheme " + scheme.token() + " may only hold"
                        + (noDot ? " A-Z a-z 0-9 - _" : " A-Z a-z 0-9 - . _") + ", found " + describe(c));
            }
        }
    }

    static void checkInstanceId(AuthorityScheme scheme, String id, String input) {
        if (id.isEmpty()) {
            throw new EndpointIdException(input, "the instance-id is empty");
        }
        if (id.length() > MAX_INSTANCE_ID_LENGTH) {
            throw new EndpointIdException(input,
                    "the instance-id has " + id.length() + " characters, more than the 50 allowed (R-ARC.6)");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '%') {
                if (i + 2 >= id.length() || !Ascii.isHexDigit(id.charAt(i + 1)) || !Ascii.isHexDigit(id.charAt(i + 2))) {
                    throw new EndpointIdException(input, "malformed percent-encoding at index " + i
                            + " of the instance-id: '%' must be followed by two hex digits (R-ARC.5)");
                }
                i += 2;
            } else if (!Ascii.isUnreserved(c)) {
                throw new EndpointIdException(input, describe(c) + " at index " + i
                        + " of the instance-id is not allowed; only A-Z a-z 0-9 - . _ and %HH escapes are (R-ARC.5)");
            }
        }
        switch (scheme) {
            case OS -> checkDeviceIdentity(id, false, input);
            case OPS -> checkDeviceIdentity(id, true, input);
            case UUID -> checkUuid(id, input);
            case IMEI -> {
                if (id.length() != IMEI_LENGTH || !Ascii.allMatch(id, 0, id.length(), Ascii::isDigit)) {
                    throw new EndpointIdException(input, "the instance-id of scheme imei must be a 15-digit IMEI, found \"" + id + "\"");
                }
            }
            case FQDN -> checkFqdn(id, input);
            default -> {
                // the remaining schemes leave the instance-id's form to the authority
            }
        }
    }

    private static void checkDeviceIdentity(String id, boolean withProductClass, String input) {
        String form = withProductClass ? "ops instance-id must be <OUI>-<ProductClass>-<SerialNumber>"
                : "os instance-id must be <OUI>-<SerialNumber>";
        if (id.length() <= TR069_OUI_LENGTH || id.charAt(TR069_OUI_LENGTH) != '-'
                || !Ascii.allMatch(id, 0, TR069_OUI_LENGTH, Ascii::isUpperHexDigit)) {
            throw new EndpointIdException(input, "an " + form + " with the OUI as 6 upper-case hex digits (TR-069), found \""
                    + id + "\"");
        }
        int rest = TR069_OUI_LENGTH + 1;
        if (withProductClass) {
            int dash = id.indexOf('-', rest);
            if (dash < 0) {
                throw new EndpointIdException(input, "an " + form + ", found no '-' after the ProductClass in \"" + id + "\"");
            }
            if (dash == rest) {
                throw new EndpointIdException(input, "an " + form + ", found an empty ProductClass in \"" + id + "\"");
            }
            rest = dash + 1;
        }
        if (rest == id.length()) {
            throw new EndpointIdException(input, "an " + form + ", found an empty SerialNumber in \"" + id + "\"");
        }
    }

    private static void checkUuid(String id, String input) {
        boolean ok = id.length() == UUID_LENGTH;
        for (int i = 0; ok && i < UUID_LENGTH; i++) {
            char c = id.charAt(i);
            ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-' : Ascii.isHexDigit(c);
        }
        if (!ok) {
            throw new EndpointIdException(input, "the instance-id of scheme uuid must be an RFC 4122 UUID"
                    + " (8-4-4-4-12 hex digits), found \"" + id + "\"");
        }
    }

    private static void checkFqdn(String id, String input) {
        if (id.endsWith(".")) {
            throw new EndpointIdException(input, "the instance-id of scheme fqdn must not end with '.'; it has to match a"
                    + " certificate dNSName, which is written without the root dot");
        }
        int start = 0;
        String last = id;
        while (start <= id.length()) {
            int dot = id.indexOf('.', start);
            int end = dot < 0 ? id.length() : dot;
            String label = id.substring(start, end);
            checkDnsLabel(label, id, input);
            last = label;
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        if (Ascii.allMatch(last, 0, last.length(), Ascii::isDigit)) {
            throw new EndpointIdException(input, "the instance-id of scheme fqdn must be a domain name, but \"" + id
                    + "\" ends in an all-numeric label (an IP address is not an FQDN)");
        }
    }

    private static void checkDnsLabel(String label, String id, String input) {
        if (label.isEmpty()) {
            throw new EndpointIdException(input, "the instance-id of scheme fqdn has an empty label in \"" + id + "\"");
        }
        if (label.length() > MAX_DNS_LABEL_LENGTH) {
            throw new EndpointIdException(input, "the instance-id of scheme fqdn has a label longer than 63 characters");
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            throw new EndpointIdException(input,
                    "the instance-id of scheme fqdn has a label starting or ending with '-': \"" + label + "\"");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!Ascii.isAlpha(c) && !Ascii.isDigit(c) && c != '-') {
                throw new EndpointIdException(input, "the instance-id of scheme fqdn must be a host name of letters,"
                        + " digits, '-' and '.', found " + describe(c) + " (wildcards and escapes are not allowed)");
            }
        }
    }

    private static String describe(char c) {
        String code = String.format("U+%04X", (int) c);
        return c < 0x20 || c >= 0x7f ? code : "'" + c + "' (" + code + ")";
    }
}
