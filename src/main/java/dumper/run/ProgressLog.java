package dumper.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import dumper.plan.Batch;
import dumper.plan.RunPlan;

/**
 * Progress of a run for a person. Given a terminal, a {@link StatusLine} at the bottom (batches
 * done, rows, rows/s, MB, elapsed, ETA) with the log lines above it; otherwise the same status as
 * a log line every {@link #LOG_EVERY_NANOS}. Either way one line per finished batch, with its own
 * rows and the running total. Batches exported at once may finish out of order: their lines wait
 * for the batches before them, so they always read 1, 2, 3 (see also {@link dumper.export.RunContext#serialized});
 * when a stop leaves a gap, a line says which batches were not finished. Batches an earlier run
 * finished are one line, not one each. Quiet: only the summary (and what others log).
 */
public final class ProgressLog implements RunListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger("dumper.run");
    private static final long REDRAW_EVERY_NANOS = 250_000_000L;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final StatusLine terminal;
    private final boolean quiet;
    private final long began = System.nanoTime();
    private final RunProgress progress = new RunProgress();
    private String type;
    private int batches;
    private int done;
    private int exported;
    private long lastPrinted;
    /** Finished batches whose line waits for an earlier batch, by number: their rows. */
    private final TreeMap<Integer, Long> waiting = new TreeMap<>();
    private final Set<Integer> skipped = new HashSet<>();
    private int nextLine = 1;
    private long reportedRows;
    private String held;
    /** Batches an earlier run finished, not yet said. */
    private final List<Integer> resumed = new ArrayList<>();

    /** {@code terminal} is the status line to redraw, or null for log lines only. */
    public ProgressLog(StatusLine terminal) {
        this(terminal, false);
    }

    /** {@code quiet}: no status and no line per batch, only the summary at the end. */
    public ProgressLog(StatusLine terminal, boolean quiet) {
        this.terminal = quiet ? null : terminal;
        this.quiet = quiet;
    }

    @Override
    public void started(RunPlan plan) {
        type = plan.type().name();
        batches = plan.batches().size();
        nextLine = plan.batches().get(0).number();
        if (!quiet) {
            LOG.infof("%s: %d batch(es) into %s", type, batches, plan.outputDir().resolve(plan.fileName()));
        }
    }

    @Override
    public void batchSkipped(Batch batch) {
        done++;
        skipped.add(batch.number());
        resumed.add(batch.number());
        printReadyLines();
    }

    /** One line for every batch an earlier run finished, before anything else is said of this run. */
    private void reportResumed() {
        if (!resumed.isEmpty() && !quiet) {
            LOG.infof("%s: %d of %d batch(es) already finished by an earlier run, kept: %s", type, resumed.size(), batches,
                    ranges(resumed));
        }
        resumed.clear();
    }

    @Override
    public void progress(Batch batch, long rows, long bytes) {
        reportResumed();
        progress.update(batch, rows, bytes);
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrinted < (terminal != null ? REDRAW_EVERY_NANOS : LOG_EVERY_NANOS)) {
            return;
        }
        lastPrinted = now;
        if (terminal != null) {
            terminal.show(status());
        } else {
            LOG.info(status());
        }
    }

    /** The source guard holds the run: the status line says why (without a terminal, the guard's own log lines do). */
    @Override
    public void held(Batch batch, String reason) {
        // Threads reading at once hear the same hold: one line for it, one when it ends.
        if (Objects.equals(reason, held)) {
            return;
        }
        String before = held;
        held = reason;
        if (terminal != null) {
            terminal.show(status());
        } else if (reason != null) {
            LOG.infof("%s: held, %s", type, reason);
        } else {
            LOG.infof("%s: reading again (was held: %s)", type, before);
        }
    }

    @Override
    public void batchFinished(Batch batch, long rows, long bytes) {
        reportResumed();
        progress.finished(batch, rows, bytes);
        done++;
        exported++;
        waiting.put(batch.number(), rows);
        printReadyLines();
        if (terminal != null) {
            terminal.show(status());
        }
    }

    @Override
    public void finished(RunResult result) {
        reportResumed();
        if (terminal != null) {
            terminal.close();
        }
        boolean unchanged = !result.files().isEmpty() && result.files().stream().allMatch(f -> f.unchanged());
        LOG.infof("%s: done, %,d rows, %s of text, %s written, %d batch(es) (%d resumed) in %s%s", type, result.rows(),
                megabytes(result.textBytes()), megabytes(result.fileBytes()), result.batches(), result.resumedBatches(),
                clock(result.elapsed().toNanos()), unchanged ? "; the published file was already the same, left as it was" : "");
    }

    /** Prints the lines of batches that finished ahead of an earlier one, and takes the status line away. */
    @Override
    public void close() {
        reportResumed();
        while (!waiting.isEmpty()) {
            List<Integer> unfinished = new ArrayList<>();
            for (int n = nextLine; n < waiting.firstKey(); n++) {
                if (!skipped.contains(n)) {
                    unfinished.add(n);
                }
            }
            if (!unfinished.isEmpty() && !quiet) {
                LOG.infof("%s: batch(es) %s of %d not finished: the next run exports them", type, ranges(unfinished), batches);
            }
            nextLine = waiting.firstKey();
            printReadyLines();
        }
        if (terminal != null) {
            terminal.close();
        }
    }

    private void printReadyLines() {
        while (true) {
            if (skipped.remove(nextLine)) {
                nextLine++;
            } else if (waiting.containsKey(nextLine)) {
                long rows = waiting.remove(nextLine);
                reportedRows += rows;
                if (!quiet) {
                    LOG.infof("%s: batch %d/%d done: %,d rows (total %,d)", type, nextLine, batches, rows, reportedRows);
                }
                nextLine++;
            } else {
                return;
            }
        }
    }

    /** The status: batches done of all, rows, rows/s, MB of text, elapsed and the time left. */
    String status() {
        if (held != null) {
            // "paused by the operator", "paused, pause file … exists" say it already.
            return type + (held.startsWith("paused") ? ": " : ": paused, ") + held;
        }
        long elapsed = System.nanoTime() - began;
        long rows = progress.rows();
        double seconds = Math.max(1e-3, elapsed / 1e9);
        String eta = exported == 0 ? "--:--" : clock(elapsed / exported * (batches - done));
        return String.format(Locale.ROOT, "%s: %d/%d batches, %,d rows, %,.0f rows/s, %s, %s, ETA %s", type, done, batches,
                rows, rows / seconds, megabytes(progress.bytes()), clock(elapsed), eta);
    }

    /** Batch numbers in ascending order as ranges: 1-4, 6, 9-10. */
    static String ranges(List<Integer> numbers) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < numbers.size(); i++) {
            int first = numbers.get(i);
            while (i + 1 < numbers.size() && numbers.get(i + 1) == numbers.get(i) + 1) {
                i++;
            }
            text.append(text.isEmpty() ? "" : ", ").append(first).append(first == numbers.get(i) ? "" : "-" + numbers.get(i));
        }
        return text.toString();
    }

    private static String clock(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
