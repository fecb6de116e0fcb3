package dumper.export;

import java.io.IOException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dumper.config.DumperConfig;
import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.output.BatchStats;
import dumper.output.ByteSink;
import dumper.output.PartWriters;
import dumper.output.StagedOutput;
import dumper.plan.Batch;

/**
 * Exports one batch into a staged part and commits it, retrying after transient failures. What
 * a run's export threads and a worker do with each batch.
 */
@ApplicationScoped
public class BatchExport {

    private static final Logger LOG = Logger.getLogger("dumper.run");

    private final DumperConfig config;
    private final PartWriters writers;

    BatchExport(DumperConfig config, PartWriters writers) {
        this.config = config;
        this.writers = writers;
    }

    /**
     * Checks the run's query against the server with the first batch's values (see
     * {@link BatchQuery#explain}), so that a wrong query fails before any file is written.
     */
    public void check(RunContext run, SourceConnection source) throws IOException {
        BatchQuery query = BatchQuery.of(run);
        retrying(run, "checking the query", source, () -> query.explain(source, run.plan().batches().get(0)));
    }

    /**
     * Exports {@code batch} into a staged part and commits it. A transient failure (lost
     * connection, killed query) writes the batch again from scratch on a new connection, so no
     * row is written twice.
     */
    public void export(RunContext run, Batch batch, SourceConnection source) throws IOException {
        BatchQuery query = BatchQuery.of(run);
        retrying(run, "batch " + batch.number(), source, () -> exportOnce(run, query, batch, source));
    }

    /** One attempt at a step that reads through the run's connection. */
    private interface Attempt {
        void run() throws IOException;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails for good, or has failed transiently
     * {@code dumper.retry.attempts} times. After each transient failure the connection is
     * discarded (never reused, never back in the pool as if healthy); the next attempt opens a
     * new one, and an open that fails counts as an attempt like any other failure.
     */
    private void retrying(RunContext run, String step, SourceConnection source, Attempt attempt) throws IOException {
        int attempts = Math.max(1, config.retry().attempts());
        for (int n = 1;; n++) {
            try {
                attempt.run();
                return;
            } catch (TransientDatabaseFailure e) {
                source.discard();
                run.cancellation().check();
                if (n >= attempts) {
                    throw new DumperException(ExitCode.DATABASE, e.getMessage() + " (gave up after " + attempts + " attempts)", e);
                }
                // Doubling, but at most 2^10 times the first pause: many attempts must not overflow into an endless sleep.
                Duration pause = config.retry().backoff().multipliedBy(1L << Math.min(n - 1, 10));
                LOG.warnf("%s: %s failed (%s); attempt %d of %d in %d ms", run.plan().type().name(), step,
                        e.reason(), n + 1, attempts, pause.toMillis());
                run.progress().retried();
                sleep(pause);
                run.cancellation().check();
            }
        }
    }

    private void exportOnce(RunContext run, BatchQuery query, Batch batch, SourceConnection source) throws IOException {
        StagedOutput staged = run.staged();
        run.progress().batchStarted(batch);
        StagedOutput.Part part = staged.createPart(batch.number());
        ByteSink sink = null;
        long rows;
        try {
            sink = writers.open(part, run.plan().type());
            ByteSink written = sink;
            rows = query.export(source, batch, sink, n -> run.progress().progress(batch, n, written.bytes()));
            sink.close();
        } catch (RuntimeException e) {
            if (sink != null) {
                sink.abandon();
            }
            staged.discardPart(part);
            throw e;
        }
        staged.commitPart(part, new BatchStats(batch.number(), rows, sink.bytes(), sink.fileBytes()));
        run.progress().batchFinished(batch, rows, sink.bytes());
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Cancellation.stopped(e);
        }
    }
}
