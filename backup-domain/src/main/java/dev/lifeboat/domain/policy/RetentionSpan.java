package dev.lifeboat.domain.policy;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span of calendar time such as {@code 30d}, {@code 12h} or {@code 1y6m}: years, months, weeks, days and hours,
 * counted back on the UTC calendar (so {@code 1m} before March 31 is February 28 or 29, as restic counts it).
 *
 * @param years  whole years
 * @param months whole months
 * @param weeks  whole weeks
 * @param days   whole days
 * @param hours  whole hours
 */
public record RetentionSpan(int years, int months, int weeks, int days, int hours) {

    private static final Pattern TEXT = Pattern.compile("(?:(\\d+)y)?(?:(\\d+)m)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?");

    public RetentionSpan {
        if (years < 0 || months < 0 || weeks < 0 || days < 0 || hours < 0) {
            throw new InvalidUsageException("a span must not be negative");
        }
    }

    /** Reads {@code 30d}, {@code 12h}, {@code 2w}, {@code 1y6m}, ... (y years, m months, w weeks, d days, h hours). */
    public static RetentionSpan parse(String text) {
        Matcher matcher = TEXT.matcher(text.trim());
        if (text.isBlank() || !matcher.matches()) {
            throw new InvalidUsageException("'" + text + "' is not a span: use e.g. 30d, 12h, 2w, 6m or 1y6m "
                    + "(y years, m months, w weeks, d days, h hours)");
        }
        try {
            return new RetentionSpan(number(matcher.group(1)), number(matcher.group(2)), number(matcher.group(3)),
                    number(matcher.group(4)), number(matcher.group(5)));
        } catch (NumberFormatException e) {
            throw new InvalidUsageException("'" + text + "' is too long a span", e);
        }
    }

    /** Whether this span is no time at all ({@code 0d}): keeping what lies within it keeps nothing. */
    public boolean isZero() {
        return years == 0 && months == 0 && weeks == 0 && days == 0 && hours == 0;
    }

    /** The instant this span before another, on the UTC calendar. */
    public Instant before(Instant end) {
        return end.atOffset(ZoneOffset.UTC).minusYears(years).minusMonths(months).minusWeeks(weeks).minusDays(days)
                .minusHours(hours).toInstant();
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        append(text, years, 'y');
        append(text, months, 'm');
        append(text, weeks, 'w');
        append(text, days, 'd');
        append(text, hours, 'h');
        return text.length() == 0 ? "0h" : text.toString();
    }

    private static void append(StringBuilder text, int amount, char unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
