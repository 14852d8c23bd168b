package io.usp4j.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.usp4j.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointIdTest {

    private static EndpointIdException rejected(String text) {
        try {
            EndpointId.parse(text);
        } catch (EndpointIdException e) {
            return e;
        }
        throw new AssertionError("accepted \"" + text + "\"");
    }

    private static void assertRejected(String text, String reasonFragment) {
        EndpointIdException e = rejected(text);
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.errorCode().code()).isEqualTo(7012);
        assertThat(e.input()).isEqualTo(text);
        assertThat(e.reason()).contains(reasonFragment);
        assertThat(e.getMessage()).contains(reasonFragment);
    }

    // --- examples given by TR-369 and by our digest --------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "oui:00256D:my-unique-bbf-id-42, OUI, 00256D, my-unique-bbf-id-42",
        "cid:3AA3F8:my-unique-usp-id-42, CID, 3AA3F8, my-unique-usp-id-42",
        "pen:3561:my-unique-bbf-id-42, PEN, 3561, my-unique-bbf-id-42",
        "self::my-Agent, SELF, '', my-Agent",
        "os::00256D-0123456789, OS, '', 00256D-0123456789",
        "ops::00256D-STB-0123456789, OPS, '', 00256D-STB-0123456789",
        "uuid::f81d4fae-7dec-11d0-a765-00a0c91e6bf6, UUID, '', f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
        "imei::990000862471854, IMEI, '', 990000862471854",
        "proto::my-Agent, PROTO, '', my-Agent",
        "fqdn::www.example.org, FQDN, '', www.example.org",
    })
    void spec_examples_parse_into_their_parts(String text, AuthorityScheme scheme, String authorityId, String instanceId) {
        EndpointId id = EndpointId.parse(text);

        assertThat(id.scheme()).isEqualTo(scheme);
        assertThat(id.authorityId()).isEqualTo(authorityId);
        assertThat(id.instanceId()).isEqualTo(instanceId);
        assertThat(id.toString()).isEqualTo(text);
        assertThat(EndpointId.parse(id.toString())).isEqualTo(id);
        assertThat(EndpointId.of(scheme, authorityId, instanceId)).isEqualTo(id);
    }

    @Test
    void there_are_exactly_the_twelve_schemes_of_tr369() {
        assertThat(AuthorityScheme.values()).extracting(AuthorityScheme::token)
                .containsExactly("oui", "cid", "pen", "self", "user", "os", "ops", "uuid", "imei", "proto", "doc", "fqdn");
        assertThat(AuthorityScheme.fromToken("mac")).isEmpty();
        assertRejected("mac::001122334455", "unknown authority-scheme \"mac\"");
    }

    @Test
    void scheme_is_matched_ignoring_ascii_case_and_kept_as_written() {
        EndpointId id = EndpointId.parse("OUI:00256D:x");

        assertThat(id.scheme()).isEqualTo(AuthorityScheme.OUI);
        assertThat(id.toString()).isEqualTo("OUI:00256D:x");
        assertThat(id).isNotEqualTo(EndpointId.parse("oui:00256D:x"));
        // U+212A KELVIN SIGN folds to 'k' in Java's Unicode case rules; it must not count as a scheme letter.
        assertThat(AuthorityScheme.fromToken("S\u212Aelf")).isEmpty();
        assertThat(AuthorityScheme.fromToken("Uuid")).contains(AuthorityScheme.UUID);
    }

    // --- overall shape --------------------------------------------------------------------------------------

    @Test
    void text_without_two_colons_is_rejected() {
        assertRejected("", "found no ':'");
        assertRejected("self", "found no ':'");
        assertRejected("self:my-Agent", "found only one ':'");
        assertRejected("self::my:Agent", "more than two ':'");
        assertRejected(":00256D:x", "authority-scheme is missing");
    }

    @Test
    void the_instance_id_is_mandatory() {
        assertRejected("self::", "instance-id is empty");
        assertRejected("oui:00256D:", "instance-id is empty");
    }

    // --- authority-id per scheme ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"oui:00256D:a", "oui:00256d:a", "oui:70B3D5F:a", "oui:70B3D5F2A:a", "oui:abcdef:a"})
    void oui_accepts_24_28_and_36_bit_identifiers(String text) {
        assertThat(EndpointId.isValid(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"oui::a", "oui:00256:a", "oui:00256D12:a", "oui:00256D1234:a", "oui:00256G:a", "oui:0x256D:a",
        "oui:00-25-6D:a"})
    void oui_rejects_other_lengths_and_non_hex(String text) {
        assertRejected(text, "authority-id of scheme oui");
    }

    @Test
    void cid_takes_exactly_six_hex_digits() {
        assertThat(EndpointId.isValid("cid:3aa3f8:x")).isTrue();
        assertRejected("cid:3AA3F:x", "scheme cid");
        assertRejected("cid:3AA3F8A:x", "scheme cid");
        assertRejected("cid:3AA3FZ:x", "scheme cid");
        assertRejected("cid::x", "scheme cid");
    }

    @Test
    void pen_takes_decimal_digits() {
        assertThat(EndpointId.isValid("pen:0:x")).isTrue();
        assertThat(EndpointId.isValid("pen:4294967296:x")).isTrue();
        assertRejected("pen::x", "Private Enterprise Number");
        assertRejected("pen:35A1:x", "Private Enterprise Number");
        assertRejected("pen:-3561:x", "Private Enterprise Number");
        assertRejected("pen:3 61:x", "Private Enterprise Number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"self", "user", "doc"})
    void self_user_and_doc_take_zero_to_six_unreserved_characters(String scheme) {
        assertThat(EndpointId.isValid(scheme + "::x")).isTrue();
        assertThat(EndpointId.isValid(scheme + ":a:x")).isTrue();
        assertThat(EndpointId.isValid(scheme + ":a.b-_9:x")).isTrue();
        assertRejected(scheme + ":abcdefg:x", "more than 6");
        assertRejected(scheme + ":a~b:x", "'~'");
        assertRejected(scheme + ":a%41:x", "'%'");
        assertRejected(scheme + ":a b:x", "' '");
    }

    @Test
    void proto_authority_id_may_not_contain_a_dot() {
        assertThat(EndpointId.isValid("proto:v1-2_3:x")).isTrue();
        assertThat(EndpointId.isValid("proto::x")).isTrue();
        assertRejected("proto:1.1:x", "'.'");
        assertRejected("proto:abcdefg:x", "more than 6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"os:A:00256D-1", "ops:A:00256D-STB-1", "uuid:A:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
        "imei:A:990000862471854", "fqdn:A:www.example.org"})
    void schemes_without_authority_reject_an_authority_id(String text) {
        assertRejected(text, "must be empty");
    }

    // --- instance-id: common rules --------------------------------------------------------------------------

    @Test
    void instance_id_may_have_fifty_characters_but_not_fifty_one() {
        String fifty = "a".repeat(50);

        assertThat(EndpointId.parse("self::" + fifty).instanceId()).hasSize(EndpointId.MAX_INSTANCE_ID_LENGTH);
        assertRejected("self::" + fifty + "b", "51 characters, more than the 50");
    }

    @Test
    void escapes_count_as_three_characters_towards_the_limit() {
        String fifty = "a".repeat(47) + "%2F";
        assertThat(EndpointId.isValid("self::" + fifty)).isTrue();
        assertRejected("self::" + "a".repeat(48) + "%2F", "51 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a~b", "a b", "a/b", "a+b", "a@b", "a!b", "a*b", "caf\u00e9", "a\u0000b", "a#b", "a?b"})
    void instance_id_rejects_characters_outside_rarc5(String instanceId) {
        assertRejected("self::" + instanceId, "R-ARC.5");
    }

    @Test
    void well_formed_percent_escapes_are_accepted_in_either_case() {
        EndpointId id = EndpointId.parse("self::a%3Ab%2fc%7E");

        assertThat(id.instanceId()).isEqualTo("a%3Ab%2fc%7E");
        assertThat(id.decodedInstanceId()).isEqualTo("a:b/c~");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "a%", "a%4", "%4G", "%G4", "%%41", "a%-1", "%%"})
    void malformed_percent_escapes_are_rejected(String instanceId) {
        assertRejected("self::" + instanceId, "malformed percent-encoding");
    }

    @Test
    void decoding_yields_utf8_text_and_the_raw_octets() {
        EndpointId id = EndpointId.parse("user::caf%C3%A9-%FF");

        assertThat(id.instanceId()).isEqualTo("caf%C3%A9-%FF");
        assertThat(id.decodedInstanceIdOctets())
                .containsExactly('c', 'a', 'f', 0xC3 - 256, 0xA9 - 256, '-', 0xFF - 256);
        assertThat(id.decodedInstanceId()).isEqualTo("caf\u00e9-\uFFFD");
    }

    @Test
    void escapes_are_not_normalised_so_escaped_and_plain_ids_differ() {
        assertThat(EndpointId.parse("self::a%41")).isNotEqualTo(EndpointId.parse("self::aA"));
        assertThat(EndpointId.parse("self::a%41").decodedInstanceId()).isEqualTo("aA");
    }

    @Test
    void percent_encode_keeps_unreserved_characters_and_escapes_the_rest_as_utf8() {
        assertThat(EndpointId.percentEncode("Ab-._9")).isEqualTo("Ab-._9");
        assertThat(EndpointId.percentEncode("a b:c~\u00e9")).isEqualTo("a%20b%3Ac%7E%C3%A9");
        assertThat(EndpointId.parse("self::" + EndpointId.percentEncode("x/y z")).decodedInstanceId()).isEqualTo("x/y z");
    }

    // --- instance-id: scheme-specific forms -----------------------------------------------------------------

    @Test
    void os_requires_upper_case_oui_dash_serial_number() {
        assertThat(EndpointId.isValid("os::ABCDEF-SN-1-2")).isTrue();
        assertThat(EndpointId.isValid("os::012345-S%20N")).isTrue();
        assertRejected("os::00256d-0123456789", "6 upper-case hex digits");
        assertRejected("os::00256D0123456789", "6 upper-case hex digits");
        assertRejected("os::0025-0123456789", "6 upper-case hex digits");
        assertRejected("os::70B3D5F-0123", "6 upper-case hex digits");
        assertRejected("os::00256D-", "empty SerialNumber");
        assertRejected("os::00256D", "6 upper-case hex digits");
    }

    @Test
    void ops_requires_oui_product_class_and_serial_number() {
        assertThat(EndpointId.isValid("ops::00256D-STB-0123-456")).isTrue();
        assertThat(EndpointId.isValid("ops::00256D-Set%2DTop-1")).isTrue();
        assertRejected("ops::00256D-0123456789", "no '-' after the ProductClass");
        assertRejected("ops::00256D--0123456789", "empty ProductClass");
        assertRejected("ops::00256D-STB-", "empty SerialNumber");
        assertRejected("ops::00256x-STB-1", "6 upper-case hex digits");
    }

    @Test
    void os_and_ops_factories_build_and_escape_from_device_info() {
        assertThat(EndpointId.os("00256D", "0123456789")).hasToString("os::00256D-0123456789");
        assertThat(EndpointId.ops("00256D", "Set-Top Box", "SN 1-2")).hasToString("ops::00256D-Set%2DTop%20Box-SN%201-2");
        assertThat(EndpointId.ops("00256D", "Set-Top Box", "SN 1-2").decodedInstanceId())
                .isEqualTo("00256D-Set-Top Box-SN 1-2");
        assertThatThrownBy(() -> EndpointId.os("00256d", "1")).isInstanceOf(EndpointIdException.class);
        assertThatThrownBy(() -> EndpointId.os("00256D", "")).isInstanceOf(EndpointIdException.class);
        assertThatThrownBy(() -> EndpointId.ops("00256D", "STB", "x".repeat(40)))
                .isInstanceOf(EndpointIdException.class).hasMessageContaining("more than the 50");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000-0000-0000-0000-000000000000", "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6",
        "123e4567-e89b-42d3-a456-426614174000"})
    void uuid_accepts_rfc4122_text(String uuid) {
        assertThat(EndpointId.parse("uuid::" + uuid).instanceId()).isEqualTo(uuid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"f81d4fae7dec11d0a76500a0c91e6bf6", "f81d4fae-7dec-11d0-a765-00a0c91e6bf",
        "f81d4fae-7dec-11d0-a765_00a0c91e6bf6", "g81d4fae-7dec-11d0-a765-00a0c91e6bf6", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6a",
        "f81d4fae-7dec-11d0-a7650-0a0c91e6bf6", "my-uuid"})
    void uuid_rejects_other_text(String uuid) {
        assertRejected("uuid::" + uuid, "RFC 4122");
    }

    @Test
    void imei_takes_fifteen_digits_without_checking_luhn() {
        assertThat(EndpointId.isValid("imei::490154203237518")).isTrue();
        assertThat(EndpointId.isValid("imei::990000862471854")).isTrue();
        assertRejected("imei::99000086247185", "15-digit IMEI");
        assertRejected("imei::9900008624718540", "15-digit IMEI");
        assertRejected("imei::99000086247185A", "15-digit IMEI");
        assertRejected("imei::99000086-2471854", "15-digit IMEI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"www.example.org", "WWW.Example.ORG", "a", "controller-1.usp.example.com", "xn--bcher-kva.example",
        "1.2.3.example", "a.b1"})
    void fqdn_accepts_host_names(String name) {
        assertThat(EndpointId.parse("fqdn::" + name).instanceId()).isEqualTo(name);
    }

    @Test
    void fqdn_rejects_wildcards_escapes_and_malformed_names() {
        assertRejected("fqdn::%2A.example.org", "wildcards and escapes are not allowed");
        assertRejected("fqdn::*.example.org", "R-ARC.5");
        assertRejected("fqdn::www.example.org.", "must not end with '.'");
        assertRejected("fqdn::.example.org", "empty label");
        assertRejected("fqdn::www..example.org", "empty label");
        assertRejected("fqdn::-www.example.org", "starting or ending with '-'");
        assertRejected("fqdn::www-.example.org", "starting or ending with '-'");
        assertRejected("fqdn::my_host.example.org", "'_'");
        assertRejected("fqdn::192.168.1.1", "all-numeric label");
        assertRejected("fqdn::" + "a".repeat(51), "more than the 50");
        assertRejected("fqdn::" + "a".repeat(64), "more than the 50");
        assertThat(EndpointId.isValid("fqdn::" + "a".repeat(50))).isTrue();
    }

    @Test
    void authority_defined_schemes_take_any_rarc5_instance_id() {
        for (String scheme : new String[] {"oui:00256D", "cid:3AA3F8", "pen:3561", "self:", "user:", "proto:", "doc:"}) {
            assertThat(EndpointId.parse(scheme + ":.-_%00Zz9").instanceId()).isEqualTo(".-_%00Zz9");
        }
    }

    // --- certificate form -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"oui:00256D:my-unique-bbf-id-42", "self::my-Agent", "os::00256D-0123456789", "fqdn::www.example.org",
        "user:ab:c%20d"})
    void urn_round_trips(String text) {
        EndpointId id = EndpointId.parse(text);

        assertThat(id.toUrn()).isEqualTo("urn:bbf:usp:id:" + text);
        assertThat(EndpointId.isEndpointIdUrn(id.toUrn())).isTrue();
        assertThat(EndpointId.parseUrn(id.toUrn())).isEqualTo(id);
    }

    @Test
    void urn_namespace_parts_ignore_case_but_the_rest_does_not() {
        assertThat(EndpointId.parseUrn("URN:BBF:usp:id:self::a")).isEqualTo(EndpointId.parse("self::a"));
        assertThatThrownBy(() -> EndpointId.parseUrn("urn:bbf:USP:ID:self::a")).isInstanceOf(EndpointIdException.class)
                .hasMessageContaining("must start with");
        assertThat(EndpointId.isEndpointIdUrn("urn:bbf:usp:idx:self::a")).isFalse();
        assertThat(EndpointId.isEndpointIdUrn(null)).isFalse();
    }

    @Test
    void urn_failures_quote_the_whole_urn() {
        String urn = "urn:bbf:usp:id:oui:XYZ:a";
        Throwable thrown = catchThrowable(() -> EndpointId.parseUrn(urn));

        assertThat(thrown).isInstanceOf(EndpointIdException.class);
        EndpointIdException e = (EndpointIdException) thrown;

        assertThat(e.input()).isEqualTo("urn:bbf:usp:id:oui:XYZ:a");
        assertThat(e.reason()).contains("scheme oui");
        assertThatThrownBy(() -> EndpointId.parseUrn("self::a")).isInstanceOf(EndpointIdException.class);
        assertThatThrownBy(() -> EndpointId.parseUrn("urn:bbf:usp:id:")).isInstanceOf(EndpointIdException.class);
        assertThatThrownBy(() -> EndpointId.parseUrn("urn:bbf:usp:id:urn:bbf:usp:id:self::a"))
                .isInstanceOf(EndpointIdException.class);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "oui:00256D:x, true", "oui:00256d:x, true", "oui:00256D1:x, true", "oui:00256DABC:x, true", "oui:00256E:x, false",
        "os::00256D-1, true", "os::00256E-1, false", "ops::00256D-STB-1, true",
        "pen:3561:x, true", "pen:003561:x, true", "pen:35610:x, false", "pen:356:x, false",
        "cid:00256D:x, false", "self:00256D:x, false", "user::00256D-1, false",
    })
    void bbf_reserved_identifiers_are_reported(String text, boolean reserved) {
        assertThat(EndpointId.parse(text).usesBbfReservedAuthority()).isEqualTo(reserved);
    }

    @Test
    void proto_and_doc_are_not_for_production() {
        for (AuthorityScheme scheme : AuthorityScheme.values()) {
            boolean expected = scheme != AuthorityScheme.PROTO && scheme != AuthorityScheme.DOC;
            assertThat(scheme.isProductionAllowed()).as(scheme.token()).isEqualTo(expected);
        }
        assertThat(EndpointId.parse("proto::my-Agent").isProductionAllowed()).isFalse();
        assertThat(EndpointId.parse("doc::example").isProductionAllowed()).isFalse();
        assertThat(EndpointId.parse("self::my-Agent").isProductionAllowed()).isTrue();
    }

    @Test
    void equality_follows_the_exact_text() {
        EndpointId a = EndpointId.parse("oui:00256D:x");
        EndpointId b = EndpointId.parse(new StringBuilder("oui:00256D:x"));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(EndpointId.parse("oui:00256d:x"));
        assertThat(a).isNotEqualTo("oui:00256D:x");
    }

    @Test
    void of_builds_from_parts_and_refuses_colons() {
        assertThat(EndpointId.of(AuthorityScheme.USER, "", "admin")).hasToString("user::admin");
        assertThatThrownBy(() -> EndpointId.of(AuthorityScheme.SELF, "", "a:b")).isInstanceOf(EndpointIdException.class)
                .hasMessageContaining("may not contain ':'");
        assertThatThrownBy(() -> EndpointId.of(AuthorityScheme.OUI, "00256D:x", "a")).isInstanceOf(EndpointIdException.class);
        assertThatThrownBy(() -> EndpointId.of(AuthorityScheme.UUID, "", "nope")).isInstanceOf(EndpointIdException.class);
    }

    @Test
    void try_parse_and_is_valid_never_throw() {
        assertThat(EndpointId.tryParse("self::a")).contains(EndpointId.parse("self::a"));
        assertThat(EndpointId.tryParse("self::")).isEmpty();
        assertThat(EndpointId.tryParse(null)).isEmpty();
        assertThat(EndpointId.isValid(null)).isFalse();
    }

    @Test
    void exception_message_is_bounded_and_printable() {
        String junk = "self::\u0001" + "x".repeat(500);
        EndpointIdException e = rejected(junk);

        assertThat(e.getMessage()).hasSizeLessThan(400).doesNotContain("\u0001");
        assertThat(e.input()).isEqualTo(junk);
    }
}
