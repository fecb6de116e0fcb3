package dumper.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of the window one batch covers: either calendar units (days, weeks, months, which
 * follow the calendar) or clock units (hours, minutes). Both are added to wall-clock times,
 * so every boundary is a local date-time as DATETIME columns store it.
 */
public record BatchSize(Period period, Duration duration) {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([a-z]+)");

    public static BatchSize ofDays(long days) {
        return of(Period.ofDays(Math.toIntExact(days)), Duration.ZERO);
    }

    public static BatchSize ofHours(long hours) {
        return of(Period.ZERO, Duration.ofHours(hours));
    }

    /** Parses {@code P7D}, {@code PT4H}, {@code P1M}, {@code 7d}, {@code 4h}, {@code 30m}, {@code 2w}. */
    public static BatchSize parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        try {
            if (value.startsWith("P")) {
                return value.contains("T")
                        ? of(Period.ZERO, Duration.parse(value))
                        : of(Period.parse(value), Duration.ZERO);
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw invalid(text);
        }
        Matcher m = SHORT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(text);
        }
        try {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d", "day", "days" -> ofDays(amount);
                case "w", "week", "weeks" -> ofDays(Math.multiplyExact(amount, 7));
                case "h", "hour", "hours" -> ofHours(amount);
                case "m", "min", "minutes" -> of(Period.ZERO, Duration.ofMinutes(amount));
                default -> throw invalid(text);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(text);
        }
    }

    private static BatchSize of(Period period, Duration duration) {
        boolean positive = !period.isNegative() && !duration.isNegative() && (!period.isZero() || !duration.isZero());
        if (!positive || (period.getYears() == 0 && period.getMonths() == 0 && period.getDays() == 0 && duration.toSeconds() < 1)) {
            throw new IllegalArgumentException("batch must be positive and at least one second");
        }
        return new BatchSize(period, duration);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a batch size; use e.g. 7d, 4h, P7D, PT4H or P1M");
    }

    /** The start of batch {@code n} (0-based) for a window starting at {@code origin}. */
    public LocalDateTime boundary(LocalDateTime origin, int n) {
        // Multiply from the origin rather than adding step by step, so that month batches
        // starting on the 31st come back to the 31st after February.
        return origin.plus(period.multipliedBy(n)).plus(duration.multipliedBy(n));
    }

    @Override
    public String toString() {
        if (duration.isZero()) {
            return period.toString();
        }
        return period.isZero() ? duration.toString() : period + duration.toString().substring(1);
    }
}
