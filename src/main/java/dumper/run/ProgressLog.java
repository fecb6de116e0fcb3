package dumper.run;

import java.io.PrintWriter;
import java.util.Locale;

import org.jboss.logging.Logger;

import dumper.plan.Batch;
import dumper.plan.RunPlan;

/**
 * Progress of a run as log lines: one per batch, and one every {@link #LOG_EVERY_NANOS} during
 * long batches. Given a terminal, it redraws a status line in place between them instead.
 * Batches exported at once report in turn (see {@link RunListener#serialized}).
 */
public final class ProgressLog implements RunListener {

    private static final Logger LOG = Logger.getLogger("dumper.run");
    private static final long REDRAW_EVERY_NANOS = 250_000_000L;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter terminalOut;
    private final boolean terminal;
    private final long began = System.nanoTime();
    private String type;
    private int batches;
    private final RunProgress progress = new RunProgress();
    private long lastPrinted;

    /** {@code terminal} is where to redraw the status line, or null for log lines only. */
    public ProgressLog(PrintWriter terminal) {
        this.terminalOut = terminal;
        this.terminal = terminal != null;
    }

    @Override
    public void started(RunPlan plan) {
        type = plan.type().name();
        batches = plan.batches().size();
        LOG.infof("%s: %d batch(es) into %s", type, batches, plan.outputDir().resolve(plan.fileName()));
    }

    @Override
    public void batchSkipped(Batch batch) {
        LOG.infof("%s: batch %d/%d already finished by an earlier run, kept", type, batch.number(), batches);
    }

    @Override
    public void progress(Batch batch, long rows, long bytes) {
        progress.update(batch, rows, bytes);
        long now = System.nanoTime();
        if (now - lastPrinted < (terminal ? REDRAW_EVERY_NANOS : LOG_EVERY_NANOS)) {
            return;
        }
        lastPrinted = now;
        String line = status(batch);
        if (terminal) {
            terminalOut.print("\r" + line + "   ");
            terminalOut.flush();
        } else {
            LOG.info(line);
        }
    }

    @Override
    public void batchFinished(Batch batch, long rows, long bytes) {
        progress.finished(batch, rows, bytes);
        if (terminal) {
            terminalOut.print("\r");
        }
        LOG.info(status(batch));
    }

    @Override
    public void finished(RunResult result) {
        LOG.infof("%s: done, %,d rows, %s of text, %s written, %d batch(es) (%d resumed) in %.1f s",
                type, result.rows(), megabytes(result.textBytes()), megabytes(result.fileBytes()),
                result.batches(), result.resumedBatches(), result.elapsed().toMillis() / 1000.0);
    }

    private String status(Batch batch) {
        double seconds = Math.max(1e-3, (System.nanoTime() - began) / 1e9);
        long rows = progress.rows();
        return String.format(Locale.ROOT, "%s: batch %d/%d, %,d rows, %,.0f rows/s, %s", type, batch.number(), batches,
                rows, rows / seconds, megabytes(progress.bytes()));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
