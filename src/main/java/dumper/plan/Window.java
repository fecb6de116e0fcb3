package dumper.plan;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** A half-open window {@code [start, end)} of wall-clock times, as DATETIME columns hold them. */
public record Window(LocalDateTime start, LocalDateTime end) {

    // uuuu (the proleptic year), not yyyy (year of era): yyyy writes year 0000 as 0001.
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmmss");
    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    /** The first and last DATETIME a MySQL or MariaDB server reads exactly; beyond them it truncates, with a warning. */
    public static final LocalDateTime FIRST_SERVER_TIME = LocalDateTime.of(0, 1, 1, 0, 0);
    public static final LocalDateTime LAST_SERVER_TIME = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);

    public Window {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the start " + start + " is not before the end " + end);
        }
    }

    /**
     * Why the server would not read this window's bounds as planned (outside year 0000 to 9999,
     * or finer than a microsecond), or empty when it reads them exactly.
     */
    public Optional<String> unrepresentable() {
        for (LocalDateTime bound : new LocalDateTime[] {start, end}) {
            if (bound.isBefore(FIRST_SERVER_TIME) || bound.isAfter(LAST_SERVER_TIME)) {
                return Optional.of("the window " + sqlText(start) + " to " + sqlText(end) + " reaches past the DATETIME range "
                        + "the server compares exactly; start at 0000-01-01 or later and end at \"" + sqlText(LAST_SERVER_TIME)
                        + "\" or earlier (a date-only end includes its whole day)");
            }
            if (bound.getNano() % 1000 != 0) {
                return Optional.of("the window bound " + bound + " is finer than the server's microseconds; "
                        + "give at most 6 decimals of seconds");
            }
        }
        return Optional.empty();
    }

    /** True when the window is made of whole days, as in {@code --dump zm 2024-01-01 2024-01-07}. */
    public boolean wholeDays() {
        return start.toLocalTime().equals(LocalTime.MIDNIGHT) && end.toLocalTime().equals(LocalTime.MIDNIGHT);
    }

    /** The start as it appears in file names. */
    public String startLabel() {
        return wholeDays() ? DAY.format(start) : label(start);
    }

    /** The end as it appears in file names: the last day for whole days (as the user typed it), else the exclusive end. */
    public String endLabel() {
        return wholeDays() ? DAY.format(end.minusDays(1)) : label(end);
    }

    /**
     * A bound as it is given to the server for :start/:end, and to workers: text, so that no
     * JVM or driver time zone can shift it on the way.
     */
    public static String sqlText(LocalDateTime t) {
        return SQL.format(t);
    }

    /**
     * Always to the second, so that names sort as their times do: a label that dropped zero
     * seconds ({@code T1721}) would sort after one that has them ({@code T172120}).
     */
    private static String label(LocalDateTime t) {
        return SECOND.format(t);
    }
}
