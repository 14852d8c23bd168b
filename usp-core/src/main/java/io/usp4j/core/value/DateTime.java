package io.usp4j.core.value;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A TR-106 {@code dateTime} value: an absolute point in time, a time relative to the device's boot, or the
 * Unknown Time.
 *
 * <p>TR-106 reads the XML Schema lexical form this way:
 * <ul>
 *   <li>{@code 0001-01-01T00:00:00Z} is the <em>Unknown Time</em> ({@link Kind#UNKNOWN}); so is any
 *       time-zoned form denoting the same instant;</li>
 *   <li>a value without a time zone and with a year below 1000 is a time since boot, counted from
 *       {@code 0001-01-01T00:00:00} ({@link Kind#SINCE_BOOT}): {@code 0001-01-03T03:04:05} is 2 days, 3 h,
 *       4 min and 5 s after boot;</li>
 *   <li>everything else is absolute ({@link Kind#ABSOLUTE}). TR-106 wants absolute times time-zoned; a
 *       value without a time zone and a year of 1000 or more is accepted and taken as UTC.</li>
 * </ul>
 * Fractional seconds of up to 9 digits are kept (nanosecond precision); {@code 24:00:00} is accepted as the
 * start of the next day, as XML Schema allows. Time-zone offsets are limited to &plusmn;14:00.
 *
 * <p>The canonical form ({@link #toString()}) is UTC with a {@code Z} suffix for absolute times, no suffix
 * for times since boot, and no trailing zeros in the fraction. Immutable and thread-safe.
 *
 * @param kind which of the three kinds of value this is
 * @param seconds seconds since 1970-01-01T00:00:00Z ({@code ABSOLUTE}), seconds since boot
 *     ({@code SINCE_BOOT}), or 0 ({@code UNKNOWN})
 * @param nanos the fraction of the second, 0 to 999,999,999
 */
public record DateTime(Kind kind, long seconds, int nanos) {

    /** The three readings TR-106 gives a {@code dateTime}. */
    public enum Kind {
        /** A point in time (UTC). */
        ABSOLUTE,
        /** A time since the device booted, written without time zone and with a year below 1000. */
        SINCE_BOOT,
        /** {@code 0001-01-01T00:00:00Z}: the time is unknown or not applicable. */
        UNKNOWN
    }

    /** The Unknown Time, {@code 0001-01-01T00:00:00Z}. */
    public static final DateTime UNKNOWN_TIME = new DateTime(Kind.UNKNOWN, 0, 0);

    private static final LocalDateTime BOOT = LocalDateTime.of(1, 1, 1, 0, 0);
    private static final long UNKNOWN_EPOCH_SECONDS = BOOT.toEpochSecond(ZoneOffset.UTC);
    private static final long MAX_YEAR = 999_999_999L;

    /**
     * @throws IllegalArgumentException when nanos is out of range, or an Unknown Time carries seconds
     */
    public DateTime {
        Objects.requireNonNull(kind, "kind");
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanos out of range: " + nanos);
        }
        if (kind == Kind.UNKNOWN && (seconds != 0 || nanos != 0)) {
            throw new IllegalArgumentException("the Unknown Time has no seconds");
        }
        if (kind == Kind.SINCE_BOOT && seconds < 0) {
            throw new IllegalArgumentException("a time since boot cannot be negative");
        }
    }

    /** An absolute time; the Unknown Time when {@code instant} is 0001-01-01T00:00:00Z. */
    public static DateTime of(Instant instant) {
        if (instant.getEpochSecond() == UNKNOWN_EPOCH_SECONDS && instant.getNano() == 0) {
            return UNKNOWN_TIME;
        }
        return new DateTime(Kind.ABSOLUTE, instant.getEpochSecond(), instant.getNano());
    }

    /** A time since boot. */
    public static DateTime sinceBoot(Duration sinceBoot) {
        return new DateTime(Kind.SINCE_BOOT, sinceBoot.getSeconds(), sinceBoot.getNano());
    }

    /** True for the Unknown Time. */
    public boolean isUnknown() {
        return kind == Kind.UNKNOWN;
    }

    /**
     * Whether {@link #compareTo} can order the two: both absolute, or both times since boot. The Unknown
     * Time is ordered with nothing.
     */
    public boolean isOrderedWith(DateTime other) {
        return kind != Kind.UNKNOWN && kind == other.kind;
    }

    /**
     * Orders two absolute times or two times since boot.
     *
     * @throws IllegalArgumentException when {@link #isOrderedWith} is false
     */
    public int compareTo(DateTime other) {
        if (!isOrderedWith(other)) {
            throw new IllegalArgumentException("cannot order " + kind + " against " + other.kind);
        }
        int c = Long.compare(seconds, other.seconds);
        return c != 0 ? c : Integer.compare(nanos, other.nanos);
    }

    /**
     * Reads the lexical form.
     *
     * @throws InvalidTypeException (USP 7011) when the text is not a TR-106 {@code dateTime}
     */
    public static DateTime parse(String text) {
        return new Reader(text).read();
    }

    /** The canonical lexical form. */
    @Override
    public String toString() {
        switch (kind) {
            case UNKNOWN:
                return "0001-01-01T00:00:00Z";
            case SINCE_BOOT:
                return format(BOOT.plusSeconds(seconds), false);
            default:
                return format(LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC), true);
        }
    }

    private String format(LocalDateTime t, boolean zulu) {
        StringBuilder b = new StringBuilder(32);
        int year = t.getYear();
        if (year < 1000) {
            b.append(year < 10 ? "000" : year < 100 ? "00" : "0");
        }
        b.append(year).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append('T');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond());
        if (nanos != 0) {
            String f = Integer.toString(nanos + 1_000_000_000).substring(1);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(f, 0, end);
        }
        if (zulu) {
            b.append('Z');
        }
        return b.toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** A one-shot reader of one lexical form. */
    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        DateTime read() {
            int yearStart = pos;
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
            int yearDigits = pos - yearStart;
            if (yearDigits < 4) {
                throw fail("the year needs at least four digits");
            }
            if (yearDigits > 4 && s.charAt(yearStart) == '0') {
                throw fail("a year of more than four digits cannot start with 0");
            }
            if (yearDigits > 9) {
                throw fail("the year is out of range");
            }
            long year = Long.parseLong(s.substring(yearStart, pos));
            if (year == 0) {
                throw fail("year 0000 does not exist");
            }
            if (year > MAX_YEAR) {
                throw fail("the year is out of range");
            }
            expect('-');
            int month = digits2("month");
            expect('-');
            int day = digits2("day");
            expect('T');
            int hour = digits2("hour");
            expect(':');
            int minute = digits2("minute");
            expect(':');
            int second = digits2("second");
            int nanos = 0;
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                int start = pos;
                while (pos < s.length() && isDigit(s.charAt(pos))) {
                    pos++;
                }
                int n = pos - start;
                if (n == 0) {
                    throw fail("a '.' must be followed by fraction digits");
                }
                if (n > 9) {
                    throw fail("fractions finer than nanoseconds (more than 9 digits) are not supported");
                }
                nanos = Integer.parseInt(s.substring(start, pos));
                for (int i = n; i < 9; i++) {
                    nanos *= 10;
                }
            }
            boolean zoned = false;
            int offsetSeconds = 0;
            if (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == 'Z') {
                    pos++;
                    zoned = true;
                } else if (c == '+' || c == '-') {
                    pos++;
                    int oh = digits2("time-zone hour");
                    expect(':');
                    int om = digits2("time-zone minute");
                    if (om > 59 || oh > 14 || (oh == 14 && om != 0)) {
                        throw fail("the time-zone offset must lie within -14:00 and +14:00");
                    }
                    offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
                    zoned = true;
                } else {
                    throw fail("unexpected '" + c + "' after the time");
                }
            }
            if (pos != s.length()) {
                throw fail("unexpected text after the time zone");
            }
            if (month < 1 || month > 12) {
                throw fail("month " + month + " does not exist");
            }
            if (day < 1 || day > LocalDate.of((int) year, month, 1).lengthOfMonth()) {
                throw fail("day " + day + " does not exist in that month");
            }
            boolean endOfDay = hour == 24;
            if (endOfDay ? minute != 0 || second != 0 || nanos != 0 : hour > 23) {
                throw fail("the hour must be 00 to 23 (or 24:00:00 for the end of the day)");
            }
            if (minute > 59) {
                throw fail("the minute must be 00 to 59");
            }
            if (second > 59) {
                throw fail("the second must be 00 to 59");
            }
            LocalDateTime local = LocalDateTime.of((int) year, month, day, endOfDay ? 0 : hour, minute, second);
            if (endOfDay) {
                local = local.plusDays(1);
            }
            if (!zoned && year < 1000) {
                return new DateTime(Kind.SINCE_BOOT, Duration.between(BOOT, local).getSeconds(), nanos);
            }
            long epoch = local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
            if (zoned && epoch == UNKNOWN_EPOCH_SECONDS && nanos == 0) {
                return UNKNOWN_TIME;
            }
            return new DateTime(Kind.ABSOLUTE, epoch, nanos);
        }

        private int digits2(String what) {
            if (pos + 2 > s.length() || !isDigit(s.charAt(pos)) || !isDigit(s.charAt(pos + 1))) {
                throw fail("expected two digits for the " + what);
            }
            int v = (s.charAt(pos) - '0') * 10 + (s.charAt(pos + 1) - '0');
            pos += 2;
            return v;
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw fail("expected '" + c + "' at position " + pos);
            }
            pos++;
        }

        private InvalidTypeException fail(String reason) {
            return new InvalidTypeException(ValueType.DATE_TIME, false, s,
                    reason + " (expected YYYY-MM-DDThh:mm:ss[.fraction][Z|(+|-)hh:mm])");
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
