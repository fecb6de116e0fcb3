package dumper.plan;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** A half-open window {@code [start, end)} of wall-clock times, as DATETIME columns hold them. */
public record Window(LocalDateTime start, LocalDateTime end) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss");
    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    public Window {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the start " + start + " is not before the end " + end);
        }
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

    private static String label(LocalDateTime t) {
        return (t.getSecond() == 0 && t.getNano() == 0 ? MINUTE : SECOND).format(t);
    }
}
