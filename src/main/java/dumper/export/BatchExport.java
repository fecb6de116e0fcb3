package dumper.export;

import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dumper.config.DumperConfig;
import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.guard.SourceGuard;
import dumper.guard.Ticket;
import dumper.guard.Yielded;
import dumper.output.BatchStats;
import dumper.output.HeapBudget;
import dumper.output.PartWriters;
import dumper.output.StagedOutput;
import dumper.plan.Batch;
import dumper.plan.RunPlan;
import dumper.plan.Window;

/**
 * Exports one batch into a staged part and commits it, retrying after transient failures. What
 * a run's export threads and a worker do with each batch.
 */
@ApplicationScoped
public class BatchExport {

    private static final Logger LOG = Logger.getLogger("dumper.run");

    private final DumperConfig config;
    private final PartWriters writers;
    private final SourceGuard guard;
    private final HeapBudget heapBudget;

    BatchExport(DumperConfig config, PartWriters writers, SourceGuard guard, HeapBudget heapBudget) {
        this.config = config;
        this.writers = writers;
        this.guard = guard;
        this.heapBudget = heapBudget;
    }

    /** Has the source guard start watching the run's source now, while the run prepares ({@link SourceGuard#watch}). */
    public void watchSource(RunPlan plan) {
        guard.watch(plan.type().datasource());
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
        List<Window> pieces = new ArrayList<>(Collections.singletonList(batch.window()));
        try (HeapBudget.Reservation heap = heapBudget.reserve(run.plan().type(), run.cancellation())) {
            retrying(run, "batch " + batch.number(), source, () -> guarded(run, query, batch, source, pieces));
        }
    }

    /**
     * Exports {@code batch} once the source guard lets it read, at the pace it sets. A batch the
     * guard ends (to yield to DDL, or after a hold longer than a stream may stand still) is read
     * again once the guard lets it; one whose query ran longer than the statement limit is read
     * again in {@code pieces}, its window cut in halves down to the split floor. Either way it
     * starts from scratch in a new part, so the file is the same as if it had never stopped.
     */
    private void guarded(RunContext run, BatchQuery query, Batch batch, SourceConnection source, List<Window> pieces)
            throws IOException {
        DumperConfig.Guard settings = guard.settings();
        String type = run.plan().type().name();
        while (true) {
            if (settings.enabled() && !settings.statementTimeLimit().isZero()) {
                source.limitStatementTime(settings.statementTimeLimit());
            }
            Connection driver = source.driver();
            Ticket ticket = guard.enter(run.plan().type().datasource(), type, source.database(), run.plan().query().jdbcSql(),
                    run.cancellation(), () -> DriverConnections.abort(driver), reason -> run.progress().held(batch, reason));
            int[] piece = {0};
            try {
                exportOnce(run, query, batch, source, pieces, piece, ticket);
                return;
            } catch (Yielded e) {
                LOG.infof("%s: batch %d stopped to let the source recover (%s); it is read again", type, batch.number(),
                        e.getMessage());
                source.discard();
            } catch (TransientDatabaseFailure e) {
                if (!ticket.yielded()) {
                    throw e;
                }
                LOG.infof("%s: batch %d stopped (%s); it is read again after it", type, batch.number(), ticket.yieldReason());
                source.discard();
            } catch (StatementTimeout e) {
                Window window = pieces.get(piece[0]);
                if (window == null || Duration.between(window.start(), window.end()).compareTo(settings.splitFloor().multipliedBy(2)) < 0) {
                    throw e;
                }
                LocalDateTime middle = window.start().plus(Duration.between(window.start(), window.end()).dividedBy(2))
                        .truncatedTo(ChronoUnit.SECONDS);
                pieces.set(piece[0], new Window(window.start(), middle));
                pieces.add(piece[0] + 1, new Window(middle, window.end()));
                LOG.infof("%s: batch %d ran longer than dumper.guard.statement-time-limit; it is read again in %d pieces", type,
                        batch.number(), pieces.size());
            } finally {
                ticket.close();
            }
        }
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

    private void exportOnce(RunContext run, BatchQuery query, Batch batch, SourceConnection source, List<Window> pieces,
            int[] piece, Ticket ticket) throws IOException {
        StagedOutput staged = run.staged();
        run.progress().batchStarted(batch);
        StagedOutput.Part part = staged.createPart(batch.number());
        BatchOutput out = new BatchOutput(writers, part, run.plan().type(),
                run.plan().type().header() && run.plan().startsOutput(batch));
        long rows;
        try {
            rows = 0;
            for (piece[0] = 0; piece[0] < pieces.size(); piece[0]++) {
                long before = rows;
                rows += query.export(source, batch, pieces.get(piece[0]), out, n -> {
                    run.progress().progress(batch, before + n, out.bytes());
                    ticket.rows(before + n, out.bytes());
                });
            }
            out.close();
        } catch (RuntimeException e) {
            out.abandon();
            staged.discardPart(part);
            throw e;
        }
        staged.commitPart(part, new BatchStats(batch.number(), rows, out.bytes(), out.fileBytes()));
        run.progress().batchFinished(batch, rows, out.bytes());
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
