package io.usp4j.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateTimeTest {

    private static void assertInvalid(String text) {
        assertThatThrownBy(() -> DateTime.parse(text))
                .isInstanceOf(InvalidTypeException.class)
                .hasMessageContaining("dateTime")
                .satisfies(e -> assertThat(((InvalidTypeException) e).errorCode().code()).isEqualTo(7011));
    }

    @Test
    void unknown_time_is_its_own_kind() {
        DateTime t = DateTime.parse("0001-01-01T00:00:00Z");
        assertThat(t.isUnknown()).isTrue();
        assertThat(t).isEqualTo(DateTime.UNKNOWN_TIME);
        assertThat(DateTime.parse("0001-01-01T01:00:00+01:00")).isEqualTo(DateTime.UNKNOWN_TIME);
        assertThat(DateTime.of(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo(DateTime.UNKNOWN_TIME);
        assertThat(t.toString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(t.isOrderedWith(t)).isFalse();
    }

    @Test
    void untimezoned_years_below_1000_are_relative_to_boot() {
        DateTime t = DateTime.parse("0001-01-03T03:04:05");
        assertThat(t.kind()).isEqualTo(DateTime.Kind.SINCE_BOOT);
        assertThat(t.seconds()).isEqualTo(Duration.ofDays(2).plusHours(3).plusMinutes(4).plusSeconds(5).getSeconds());
        assertThat(t.toString()).isEqualTo("0001-01-03T03:04:05");
        assertThat(DateTime.parse("0001-01-01T00:00:00").kind()).isEqualTo(DateTime.Kind.SINCE_BOOT);
        assertThat(DateTime.sinceBoot(Duration.ofSeconds(60)).toString()).isEqualTo("0001-01-01T00:01:00");
        assertThat(t.isOrderedWith(DateTime.parse("2021-01-01T00:00:00Z"))).isFalse();
        assertThat(t.compareTo(DateTime.parse("0001-01-02T00:00:00"))).isPositive();
    }

    @Test
    void absolute_times_normalise_to_utc() {
        DateTime a = DateTime.parse("2021-06-06T10:00:00+02:00");
        assertThat(a).isEqualTo(DateTime.parse("2021-06-06T08:00:00Z"));
        assertThat(a.toString()).isEqualTo("2021-06-06T08:00:00Z");
        assertThat(DateTime.parse("2021-06-06T08:00:00-00:00").toString()).isEqualTo("2021-06-06T08:00:00Z");
        assertThat(DateTime.parse("2021-06-06T08:00:00").toString()).isEqualTo("2021-06-06T08:00:00Z");
        assertThat(DateTime.parse("2021-12-31T23:30:00-14:00").toString()).isEqualTo("2022-01-01T13:30:00Z");
        assertThat(DateTime.of(Instant.parse("2021-06-06T08:00:00Z")).kind()).isEqualTo(DateTime.Kind.ABSOLUTE);
    }

    @Test
    void fractions_keep_up_to_nanoseconds_and_drop_trailing_zeros() {
        assertThat(DateTime.parse("2021-06-06T08:00:00.500Z").toString()).isEqualTo("2021-06-06T08:00:00.5Z");
        assertThat(DateTime.parse("2021-06-06T08:00:00.000Z")).isEqualTo(DateTime.parse("2021-06-06T08:00:00Z"));
        assertThat(DateTime.parse("2021-06-06T08:00:00.123456789Z").nanos()).isEqualTo(123_456_789);
        assertThat(DateTime.parse("2021-06-06T08:00:00.1Z").compareTo(DateTime.parse("2021-06-06T08:00:00.09Z")))
                .isPositive();
        assertInvalid("2021-06-06T08:00:00.1234567891Z");
        assertInvalid("2021-06-06T08:00:00.Z");
    }

    @Test
    void end_of_day_24_00_is_the_next_midnight() {
        assertThat(DateTime.parse("2021-12-31T24:00:00Z")).isEqualTo(DateTime.parse("2022-01-01T00:00:00Z"));
        assertInvalid("2021-12-31T24:00:01Z");
    }

    @Test
    void calendar_and_format_errors_are_rejected() {
        assertInvalid("2021-02-29T00:00:00Z");
        assertThat(DateTime.parse("2024-02-29T00:00:00Z").toString()).isEqualTo("2024-02-29T00:00:00Z");
        assertInvalid("2021-13-01T00:00:00Z");
        assertInvalid("2021-00-01T00:00:00Z");
        assertInvalid("2021-01-32T00:00:00Z");
        assertInvalid("2021-01-01T23:60:00Z");
        assertInvalid("2021-01-01T23:00:60Z");
        assertInvalid("2021-01-01T25:00:00Z");
        assertInvalid("2021-01-01 00:00:00Z");
        assertInvalid("2021-01-01T00:00Z");
        assertInvalid("21-01-01T00:00:00Z");
        assertInvalid("0000-01-01T00:00:00Z");
        assertInvalid("02021-01-01T00:00:00Z");
        assertInvalid("2021-01-01T00:00:00+15:00");
        assertInvalid("2021-01-01T00:00:00+0100");
        assertInvalid("2021-01-01T00:00:00ZZ");
        assertInvalid("2021-01-01");
        assertInvalid("");
    }

    @Test
    void years_beyond_9999_are_allowed() {
        DateTime t = DateTime.parse("12021-01-01T00:00:00Z");
        assertThat(t.toString()).isEqualTo("12021-01-01T00:00:00Z");
        assertThat(t.compareTo(DateTime.parse("9999-12-31T23:59:59Z"))).isPositive();
    }

    @Test
    void value_wraps_date_time() {
        Value v = ValueType.DATE_TIME.parse("2021-06-06T10:00:00+02:00");
        assertThat(v.toString()).isEqualTo("2021-06-06T08:00:00Z");
        assertThat(v.asDateTime()).isEqualTo(DateTime.parse("2021-06-06T08:00:00Z"));
        assertThat(Value.of(DateTime.UNKNOWN_TIME)).isEqualTo(ValueType.DATE_TIME.parse("0001-01-01T00:00:00Z"));
    }
}
