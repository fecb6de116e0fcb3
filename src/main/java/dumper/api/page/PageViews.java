package dumper.api.page;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import dumper.run.BatchState;
import dumper.run.FileEntry;
import dumper.run.RunSummary;

/** What the templates draw, already worded: the page's own views of the run history. */
final class PageViews {

    private PageViews() {
    }

    /** A dump type on the overview. {@code progress} is null when it does not run. */
    record TypeRow(String name, String dates, String window, List<String> schedules, List<String> nextFires, List<Cell> cells,
            String chart, Progress progress) {
    }

    /** One run in a type's strip: its outcome as a colour, its facts as the cell's title. */
    record Cell(String runId, String outcome, String label) {
    }

    /** How far a run in flight is. {@code rate} and {@code eta} are words ("1,234 rows/s", "0:42"). */
    record Progress(String runId, String type, String status, int batchesDone, int batchesTotal, int percent, String rows,
            String rate, String eta) {
    }

    record BatchRow(int number, String window, String phase, int attempts, String rows, String time) {
    }

    record FileRow(String name, String type, String window, String rows, String size, String sha256, String download,
            String report, boolean present, String runId, String published) {
    }

    /** A run as a line in lists: its id, type, outcome, when, how much, how long and why it failed. */
    record RunLine(String id, String type, String outcome, String queued, String window, String rows, String duration,
            String error) {
    }

    static Duration elapsed(RunSummary run) {
        if (run.startedAt() == null) {
            return Duration.ZERO;
        }
        OffsetDateTime end = run.finishedAt() != null ? run.finishedAt() : OffsetDateTime.now();
        return Duration.between(run.startedAt(), end);
    }

    /** One line for a cell's title and the chart's bars. */
    static String describe(RunSummary run) {
        long bytes = run.files().stream().mapToLong(FileEntry::fileBytes).sum();
        String facts = Html.time(run.queuedAt()) + " · " + run.status() + " · " + Html.count(run.rows()) + " rows · "
                + Html.bytes(bytes) + " · " + Html.duration(elapsed(run));
        return run.error() == null ? facts : facts + " · " + run.error();
    }

    static Cell cell(RunSummary run) {
        return new Cell(run.id(), outcome(run), describe(run));
    }

    static String outcome(RunSummary run) {
        return run.status().name().toLowerCase(Locale.ROOT);
    }

    static Progress progress(RunSummary run) {
        Duration elapsed = elapsed(run);
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        int total = Math.max(1, run.batchesTotal());
        String eta = "";
        if (run.batchesDone() > 0 && run.batchesDone() < run.batchesTotal()) {
            eta = Html.duration(elapsed.dividedBy(run.batchesDone()).multipliedBy(run.batchesTotal() - run.batchesDone()));
        }
        return new Progress(run.id(), run.type(), outcome(run), run.batchesDone(), run.batchesTotal(),
                run.batchesDone() * 100 / total, Html.count(run.rows()),
                run.startedAt() == null ? "" : Html.count(Math.round(run.rows() / seconds)) + " rows/s", eta);
    }

    static BatchRow batch(BatchState b) {
        String window = b.start() == null ? "" : Html.time(b.start()) + " – " + Html.time(b.end());
        String phase = b.phase() == BatchState.Phase.DONE && b.attempts() > 1 ? "retried" : b.phase().name().toLowerCase(Locale.ROOT);
        return new BatchRow(b.number(), window, phase, b.attempts(), Html.count(b.rows()),
                b.millis() == 0 ? "" : Html.duration(Duration.ofMillis(b.millis())));
    }

    static String window(java.time.LocalDateTime start, java.time.LocalDateTime end) {
        return start == null ? "whole table" : Html.time(start) + " – " + Html.time(end);
    }

    static RunLine line(RunSummary run) {
        return new RunLine(run.id(), run.type(), outcome(run), Html.time(run.queuedAt()), window(run.windowStart(),
                run.windowEnd()), Html.count(run.rows()), Html.duration(elapsed(run)), run.error());
    }
}
