package org.rightsledger.record;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO 8601 date of reduced precision — {@code 2025}, {@code 2025-06} or {@code 2025-06-14} —
 * read as the period of days it covers. Filters match records whose period overlaps theirs.
 */
public record ReducedDate(LocalDate first, LocalDate last) {

    /** ISO 8601's year 0000 is 1 BC, which PostgreSQL cannot store as a date and no record means. */
    private static final int FIRST_YEAR = 1;

    private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

    public static Optional<ReducedDate> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (year < FIRST_YEAR) {
                return Optional.empty();
            }
            if (m.group(2) == null) {
                return Optional.of(new ReducedDate(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
            }
            YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(2)));
            if (m.group(3) == null) {
                return Optional.of(new ReducedDate(month.atDay(1), month.atEndOfMonth()));
            }
            LocalDate day = month.atDay(Integer.parseInt(m.group(3)));
            return Optional.of(new ReducedDate(day, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A reduced-precision date, or a full ISO 8601 date-time (with or without offset). */
    public static Optional<ReducedDate> parseDateOrDateTime(String text) {
        Optional<ReducedDate> date = parse(text);
        if (date.isPresent() || text == null || text.length() > 40) {
            return date;
        }
        LocalDate day;
        try {
            day = OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException offsetMissing) {
            try {
                day = LocalDateTime.parse(text).toLocalDate();
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        // The date-time's own year, before any offset moves it: "0000-…" is refused like a date.
        return day.getYear() < FIRST_YEAR || text.startsWith("0000") ? Optional.empty()
                : Optional.of(new ReducedDate(day, day));
    }

    /** A query parameter holding a reduced-precision date; absent is null, malformed a 400. */
    public static ReducedDate param(String name, String value) {
        if (value == null) {
            return null;
        }
        return parse(value).orElseThrow(() -> org.rightsledger.problem.ProblemException.badParameter(name,
                "must be a date as YYYY, YYYY-MM or YYYY-MM-DD"));
    }

    /** True when the period has begun: "2026-11" is not in the future during November 2026. */
    public boolean begunBy(LocalDate today) {
        return !first.isAfter(today);
    }
}
