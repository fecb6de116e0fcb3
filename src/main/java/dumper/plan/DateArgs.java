package dumper.plan;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

import dumper.core.DumperException;

/**
 * Dates as users type them. A date alone means the start of that day; as an end it means the
 * whole day (inclusive), as the old tool's {@code --dump zm 2024-01-01 2024-01-07} did. A
 * date-time end is exclusive.
 */
public final class DateArgs {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendLiteral(':').appendPattern("ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private DateArgs() {
    }

    public static LocalDateTime start(String text) {
        return parse(text, false);
    }

    public static LocalDateTime end(String text) {
        return parse(text, true);
    }

    private static LocalDateTime parse(String text, boolean isEnd) {
        String value = text.trim();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value, DATE);
                return isEnd ? day.plusDays(1).atStartOfDay() : day.atStartOfDay();
            }
            return LocalDateTime.parse(value, DATE_TIME);
        } catch (DateTimeParseException e) {
            throw DumperException.usage("'" + text + "' is not a valid " + (isEnd ? "end" : "start")
                    + "; use YYYY-MM-DD or \"YYYY-MM-DD HH:MM[:SS]\"");
        }
    }
}
