package io.usp4j.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolVersionTest {

    @Test
    void parses_orders_and_writes_versions() {
        assertThat(ProtocolVersion.parse("1.4")).isEqualTo(ProtocolVersion.V1_4);
        assertThat(ProtocolVersion.parse(" 1.10 ")).isGreaterThan(ProtocolVersion.parse("1.9"));
        assertThat(ProtocolVersion.parse("2.0")).isGreaterThan(ProtocolVersion.V1_4);
        assertThat(ProtocolVersion.parse("1.04").toString()).isEqualTo("1.4");
    }

    @Test
    void advertises_one_zero_to_one_four() {
        assertThat(ProtocolVersion.formatList(ProtocolVersion.SUPPORTED)).isEqualTo("1.0,1.1,1.2,1.3,1.4");
        assertThat(ProtocolVersion.parse("1.3").isSupported()).isTrue();
        assertThat(ProtocolVersion.parse("1.5").isSupported()).isFalse();
    }

    @Test
    void parses_lists() {
        assertThat(ProtocolVersion.parseList("1.0, 1.2,1.4"))
                .containsExactly(ProtocolVersion.V1_0, new ProtocolVersion(1, 2), ProtocolVersion.V1_4);
        assertThat(ProtocolVersion.parseList("")).isEqualTo(List.of());
    }

    @Test
    void rejects_what_is_not_major_dot_minor() {
        for (String bad : new String[] {"", "1", "1.", ".1", "1.2.3", "a.b", "1.-1", "1.4x", "12345678901.0"}) {
            assertThatThrownBy(() -> ProtocolVersion.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ProtocolVersion.parseList("1.0,,1.2")).isInstanceOf(IllegalArgumentException.class);
    }
}
