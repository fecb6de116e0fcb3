package dumper.run;

import java.io.PrintWriter;
import java.util.function.IntSupplier;

/**
 * The bottom line of a terminal: a run's status, redrawn in place, with log lines printed above
 * it. Every write starts with {@code \r\033[K} (back to column 0, clear to the end of the line),
 * so a log line never lands on the row of a status line, and a shorter status never keeps the
 * tail of a longer one. While one is {@link #activate active}, {@link ConsoleLines} sends the
 * console's log lines here instead of letting the log handler write them over the status.
 */
public final class StatusLine implements AutoCloseable {

    private static final String CLEAR_LINE = "\r\033[K";
    private static volatile StatusLine active;

    private final PrintWriter out;
    /** The terminal's columns: a status that wraps could no longer be redrawn in place. */
    private final IntSupplier columns;
    private String status = "";

    public StatusLine(PrintWriter out, IntSupplier columns) {
        this.out = out;
        this.columns = columns;
    }

    /** The status line that console log lines go above, if a run shows one. */
    static StatusLine active() {
        return active;
    }

    /** Sends console log lines here until {@link #close}. */
    public StatusLine activate() {
        active = this;
        return this;
    }

    /** Replaces the status line. */
    synchronized void show(String text) {
        // One column short of the width: a character in the last column makes some terminals wrap.
        int width = Math.max(20, columns.getAsInt() - 1);
        status = text.length() > width ? text.substring(0, width - 1) + "…" : text;
        out.print(CLEAR_LINE + status);
        out.flush();
    }

    /** Prints {@code line} (one or more lines, with or without the final newline) above the status line. */
    synchronized void printAbove(String line) {
        out.print(CLEAR_LINE + line);
        if (!line.endsWith("\n")) {
            out.print("\n");
        }
        out.print(status);
        out.flush();
    }

    /** Removes the status line and stops taking log lines; what is printed next starts on a clean row. */
    @Override
    public synchronized void close() {
        if (active == this) {
            active = null;
        }
        if (!status.isEmpty()) {
            out.print(CLEAR_LINE);
            out.flush();
            status = "";
        }
    }
}
