package dumper.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dumper.config.DumpType;
import dumper.config.DumperConfig;
import dumper.export.BatchExporter;
import dumper.export.SourceConnection;
import dumper.export.SourceDatabase;
import dumper.export.TransientDatabaseFailure;
import dumper.output.BatchStats;
import dumper.output.BlockWriter;
import dumper.output.ByteSink;
import dumper.output.Compression;
import dumper.output.GzipBlockWriter;
import dumper.output.PlainBlockWriter;
import dumper.output.StagedOutput;
import dumper.plan.Batch;
import dumper.plan.RunPlan;
import dumper.publish.PublishedFile;
import dumper.publish.Publisher;
import dumper.publish.ReportEntries;

/**
 * Carries out a plan: export the batches not yet finished, then for each output file publish
 * it and record its report entry. The one code path for every way a run is started; every
 * step can be repeated, so running the same plan again resumes where the last attempt stopped.
 */
@ApplicationScoped
public class DumpRunner {

    private static final Logger LOG = Logger.getLogger("dumper.run");

    private final SourceDatabase database;
    private final DumperConfig config;
    private final Publisher publisher;
    private final ReportEntries reports;

    DumpRunner(SourceDatabase database, DumperConfig config, Publisher publisher, ReportEntries reports) {
        this.database = database;
        this.config = config;
        this.publisher = publisher;
        this.reports = reports;
    }

    public RunResult run(RunPlan plan, RunListener listener, Cancellation cancellation) {
        ZonedDateTime startedAt = ZonedDateTime.now(plan.createdAt().getZone());
        long began = System.nanoTime();
        DumpType type = plan.type();
        reports.validate();
        publisher.checkReady();
        int threads = config.compressionThreads() > 0 ? config.compressionThreads() : Runtime.getRuntime().availableProcessors();
        ExecutorService compressors = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "dumper-deflate");
            thread.setDaemon(true);
            return thread;
        });
        try (StagedOutput staged = StagedOutput.open(plan.outputDir(), plan.fileName(), fingerprint(plan), plan.fresh());
                SourceConnection source = new SourceConnection(database, type.datasource())) {
            BatchExporter.explain(source.get(), plan.query(), type, plan.batches().get(0));
            listener.started(plan);
            List<PublishedFile> files = new ArrayList<>();
            long rows = 0;
            long textBytes = 0;
            int resumed = 0;
            for (RunPlan.OutputFile output : plan.outputs()) {
                List<BatchStats> stats = new ArrayList<>();
                for (Batch batch : output.batches()) {
                    cancellation.check();
                    if (staged.isDone(batch.number())) {
                        resumed++;
                        listener.batchSkipped(batch);
                        stats.add(staged.stats(batch.number()));
                    } else {
                        boolean header = batch == output.batches().get(0);
                        stats.add(exportWithRetries(plan, batch, header, staged, source, compressors, threads, listener,
                                cancellation));
                    }
                    rows += stats.get(stats.size() - 1).rows();
                    textBytes += stats.get(stats.size() - 1).textBytes();
                }
                PublishedFile file = publisher.publish(staged, plan, output, stats, startedAt);
                if (!staged.isComplete(output.name())) {
                    reports.record(file);
                    staged.markComplete(output.name());
                }
                files.add(file);
            }
            staged.discard();
            long fileBytes = files.stream().mapToLong(f -> f.manifest().bytes()).sum();
            RunResult result = new RunResult(plan.runId(), files, plan.batches().size(), resumed, rows, textBytes, fileBytes,
                    Duration.ofNanos(System.nanoTime() - began));
            listener.finished(result);
            return result;
        } catch (IOException | UncheckedIOException e) {
            throw outputFailure(plan, e);
        } catch (SQLException e) {
            throw new DumperException(ExitCode.DATABASE, "database error: " + SourceDatabase.firstLine(e), e);
        } finally {
            compressors.shutdownNow();
        }
    }

    /**
     * Exports one batch into its staged part. A transient failure (lost connection, killed
     * query) rewrites the part from scratch on a new connection, so no row is written twice.
     */
    private BatchStats exportWithRetries(RunPlan plan, Batch batch, boolean header, StagedOutput staged,
            SourceConnection source, ExecutorService compressors, int threads, RunListener listener,
            Cancellation cancellation) throws IOException {
        int attempts = Math.max(1, config.retry().attempts());
        for (int attempt = 1;; attempt++) {
            try {
                return export(plan, batch, header, staged, source, compressors, threads, listener, cancellation);
            } catch (TransientDatabaseFailure e) {
                if (attempt >= attempts) {
                    throw new DumperException(ExitCode.DATABASE, e.getMessage() + " (gave up after " + attempts + " attempts)", e);
                }
                Duration pause = config.retry().backoff().multipliedBy(1L << (attempt - 1));
                LOG.warnf("%s: batch %d failed (%s); attempt %d of %d in %d ms", plan.type().name(), batch.number(),
                        SourceDatabase.firstLine(e.getCause()), attempt + 1, attempts, pause.toMillis());
                sleep(pause);
                cancellation.check();
                reconnect(source, plan, attempt, attempts);
            }
        }
    }

    private BatchStats export(RunPlan plan, Batch batch, boolean header, StagedOutput staged, SourceConnection source,
            ExecutorService compressors, int threads, RunListener listener, Cancellation cancellation) throws IOException {
        listener.batchStarted(batch);
        BlockWriter writer = writer(staged, batch, plan.type(), compressors, threads);
        ByteSink sink = new ByteSink(writer, config.blockSize());
        long rows;
        try {
            rows = BatchExporter.export(source.get(), plan.query(), plan.type(), batch, sink, header, plan.fetchSize(),
                    n -> listener.progress(batch, n, sink.bytes()), cancellation);
        } catch (RuntimeException e) {
            sink.abandon();
            throw e;
        }
        sink.close();
        BatchStats stats = new BatchStats(batch.number(), rows, sink.bytes(), writer.fileBytes());
        staged.commitPart(batch.number(), stats);
        listener.batchFinished(batch, rows, sink.bytes());
        return stats;
    }

    private void reconnect(SourceConnection source, RunPlan plan, int attempt, int attempts) {
        try {
            source.reconnect();
        } catch (DumperException e) {
            if (attempt + 1 >= attempts) {
                throw e;
            }
            LOG.warnf("%s: cannot reconnect yet (%s)", plan.type().name(), e.getMessage());
        }
    }

    private BlockWriter writer(StagedOutput staged, Batch batch, DumpType type, ExecutorService compressors, int threads)
            throws IOException {
        var file = staged.createPart(batch.number());
        return type.compression() == Compression.GZIP
                ? new GzipBlockWriter(file, compressors, threads, type.compressionLevel(), config.blockSize())
                : new PlainBlockWriter(file, config.blockSize());
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DumperException(ExitCode.INTERRUPTED, "interrupted; run the same command again to resume");
        }
    }

    /** What must match for finished batches of an earlier run to be reused. */
    private static String fingerprint(RunPlan plan) {
        DumpType t = plan.type();
        Batch last = plan.batches().get(plan.batches().size() - 1);
        return String.join("\n",
                "query-sha256=" + plan.query().sha256(),
                "format=" + t.format() + " compression=" + t.compression() + " level=" + t.compressionLevel()
                        + " binary=" + t.binary() + " csv-null=" + t.csvNull().orElse("") + " files-per-batch=" + t.filePerBatch(),
                "window=" + plan.window() + " batch=" + plan.batchSize() + " batches=" + plan.batches().size()
                        + " last=" + last.window(),
                "");
    }

    private static DumperException outputFailure(RunPlan plan, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String reason = String.valueOf(cause.getMessage());
        String hint = reason.contains("No space left") ? "free disk space" : "check the output directory";
        return DumperException.output("cannot write " + plan.fileName() + " in " + plan.outputDir() + " (" + reason + "); "
                + hint + " and run the same command again to resume", cause);
    }
}
