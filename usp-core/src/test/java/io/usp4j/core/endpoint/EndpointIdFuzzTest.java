package io.usp4j.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.core.error.ErrorCode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random input: the parser either returns a valid ID that round-trips or throws {@link EndpointIdException}. */
class EndpointIdFuzzTest {
    private static final String ALPHABET = "oOuUiIcCdDpPeEnNsSlLfFrRmMtTqQhHxX0123456789aAbBfF:%-._~ */@\u00e9\u0000\u212A";
    private static final String[] PREFIXES = {"", "oui:", "oui:00256D:", "cid:3AA3F8:", "pen:3561:", "self::", "user:ab:",
        "os::", "os::00256D-", "ops::00256D-", "uuid::", "imei::", "proto::", "doc::", "fqdn::", "urn:bbf:usp:id:"};

    @Test
    void random_text_either_parses_and_round_trips_or_fails_with_7012() {
        Random random = new Random(0x5EED_369L);
        int accepted = 0;
        for (int n = 0; n < 40_000; n++) {
            String text = PREFIXES[random.nextInt(PREFIXES.length)] + junk(random);
            if (checkOne(text)) {
                accepted++;
            }
            checkUrn(text);
        }
        // the seed must exercise both outcomes, or the test proves nothing
        assertThat(accepted).isGreaterThan(50);
    }

    @Test
    void random_code_units_including_surrogates_only_ever_raise_the_typed_exception() {
        Random random = new Random(42L);
        for (int n = 0; n < 20_000; n++) {
            char[] chars = new char[random.nextInt(70)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
            }
            checkOne(new String(chars));
            checkUrn(new String(chars));
        }
    }

    private static String junk(Random random) {
        int length = random.nextInt(random.nextBoolean() ? 12 : 60);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static boolean checkOne(String text) {
        EndpointId id;
        try {
            id = EndpointId.parse(text);
        } catch (EndpointIdException e) {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_VALUE);
            assertThat(e.input()).isEqualTo(text);
            return false;
        }
        assertThat(id.toString()).isEqualTo(text);
        assertThat(EndpointId.parse(id.toUrn().substring(EndpointId.URN_PREFIX.length()))).isEqualTo(id);
        assertThat(EndpointId.parseUrn(id.toUrn())).isEqualTo(id);
        assertThat(EndpointId.of(id.scheme(), id.authorityId(), id.instanceId()).instanceId()).isEqualTo(id.instanceId());
        assertThat(id.instanceId()).hasSizeLessThanOrEqualTo(50).isNotEmpty();
        assertThat(id.decodedInstanceIdOctets()).isNotNull();
        assertThat(id.decodedInstanceId()).isNotNull();
        id.usesBbfReservedAuthority();
        return true;
    }

    private static void checkUrn(String text) {
        try {
            EndpointId.parseUrn(text);
        } catch (EndpointIdException e) {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_VALUE);
        }
    }
}
