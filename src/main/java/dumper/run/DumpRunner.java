package dumper.run;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dumper.config.DumpType;
import dumper.config.DumperConfig;
import dumper.export.BatchExporter;
import dumper.export.SourceConnection;
import dumper.export.SourceDatabase;
import dumper.export.TransientDatabaseFailure;
import dumper.output.BatchStats;
import dumper.output.BlockPool;
import dumper.output.BlockWriter;
import dumper.output.ByteSink;
import dumper.output.BlockCompressor;
import dumper.config.Compression;
import dumper.output.Compressors;
import dumper.output.DeflatePool;
import dumper.output.GzipBlockWriter;
import dumper.output.OutputDirectories;
import dumper.output.PlainBlockWriter;
import dumper.output.StagedOutput;
import dumper.plan.Batch;
import dumper.plan.RunPlan;
import dumper.publish.PublishedFile;
import dumper.publish.Publisher;
import dumper.publish.ReportEntries;
import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;

/**
 * Carries out a plan: export the batches not yet finished, then for each output file publish
 * it and record its report entry. The one code path for every way a run is started; every
 * step can be repeated, so running the same plan again resumes where the last attempt stopped.
 */
@ApplicationScoped
public class DumpRunner {

    private static final Logger LOG = Logger.getLogger("dumper.run");
    /** Enough for the blocks in flight of a few batches at once; more are collected as garbage. */
    private static final int BLOCKS_KEPT = 24;

    private final SourceDatabase database;
    private final Instance<DistributedBatches> workers;
    private final DumperConfig config;
    private final Publisher publisher;
    private final ReportEntries reports;
    private final int compressionThreads;
    private final BlockPool blocks;
    private DeflatePool compressors;
    private final Map<String, BlockCompressor> compressorsByLevel = new ConcurrentHashMap<>();

    DumpRunner(SourceDatabase database, DumperConfig config, Publisher publisher, ReportEntries reports,
            Instance<DistributedBatches> workers) {
        this.database = database;
        this.workers = workers;
        this.config = config;
        this.publisher = publisher;
        this.reports = reports;
        this.compressionThreads = config.compressionThreads() > 0 ? config.compressionThreads()
                : Runtime.getRuntime().availableProcessors();
        this.blocks = new BlockPool(config.blockSize(), BLOCKS_KEPT);
    }

    /** Runs the plan: its missing batches exported in this process, or by workers when {@code distributed}. */
    public RunResult run(RunPlan plan, RunListener listener, Cancellation cancellation, boolean distributed) {
        ZonedDateTime startedAt = ZonedDateTime.now(plan.createdAt().getZone());
        long began = System.nanoTime();
        reports.validate();
        OutputDirectories.prepare("output directory", plan.outputDir(), plan.outputDirNamedBy());
        publisher.checkReady();
        try (StagedOutput staged = StagedOutput.open(plan.outputDir(), plan.fileName(),
                plan.outputs().stream().map(RunPlan.OutputFile::name).toList(), plan.fingerprint(), plan.fresh());
                SourceConnection source = new SourceConnection(database, plan.type().datasource())) {
            retrying(plan, "checking the query", source, cancellation, () -> {
                BatchExporter.explain(source, plan.query(), plan.type(), plan.batches().get(0), cancellation);
                return null;
            });
            listener.started(plan);
            List<Batch> missing = new ArrayList<>();
            for (Batch batch : plan.batches()) {
                if (staged.isDone(batch.number())) {
                    listener.batchSkipped(batch);
                } else {
                    missing.add(batch);
                }
            }
            BatchExecution exporter = distributed ? workers.get() : new LocalBatches(this, database, source);
            exporter.exportMissing(plan, staged, missing, listener, cancellation);
            cancellation.check();
            RunResult result = publishAll(plan, staged, startedAt, plan.batches().size() - missing.size(), began);
            listener.finished(result);
            return result;
        } catch (IOException | UncheckedIOException e) {
            throw outputFailure(plan, e);
        }
    }

    /** Publishes and reports every output file once all batches are done, then clears the staging area. */
    private RunResult publishAll(RunPlan plan, StagedOutput staged, ZonedDateTime startedAt, int resumed, long began)
            throws IOException {
        List<PublishedFile> files = new ArrayList<>();
        long rows = 0;
        long textBytes = 0;
        for (RunPlan.OutputFile output : plan.outputs()) {
            List<BatchStats> stats = new ArrayList<>();
            for (Batch batch : output.batches()) {
                BatchStats s = staged.stats(batch.number());
                stats.add(s);
                rows += s.rows();
                textBytes += s.textBytes();
            }
            PublishedFile file = publisher.publish(staged, plan, output, stats, startedAt);
            if (file.unchanged()) {
                LOG.infof("%s: %s is already published with the same content (sha256 %s); nothing to replace",
                        plan.type().name(), file.servedPath(), file.manifest().sha256());
            }
            if (!staged.isComplete(output.name())) {
                reports.record(file);
                staged.markComplete(output.name());
            }
            files.add(file);
        }
        staged.discard();
        long fileBytes = files.stream().mapToLong(f -> f.manifest().bytes()).sum();
        return new RunResult(plan.runId(), files, plan.batches().size(), resumed, rows, textBytes, fileBytes,
                Duration.ofNanos(System.nanoTime() - began));
    }

    /**
     * Exports one batch into a staged part and commits it. A transient failure (lost connection,
     * killed query) writes the batch again from scratch on a new connection, so no row is
     * written twice. Also what a worker does with a batch it received.
     */
    public BatchStats exportBatch(RunPlan plan, Batch batch, StagedOutput staged, SourceConnection source,
            RunListener listener, Cancellation cancellation) throws IOException {
        return retrying(plan, "batch " + batch.number(), source, cancellation,
                () -> exportOnce(plan, batch, staged, source, listener, cancellation));
    }

    /** One attempt at a step that reads through the run's connection. */
    private interface Attempt<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails for good, or has failed transiently
     * {@code dumper.retry.attempts} times. After each transient failure the connection is
     * discarded (never reused, never back in the pool as if healthy); the next attempt opens a
     * new one, and an open that fails counts as an attempt like any other failure.
     */
    private <T> T retrying(RunPlan plan, String step, SourceConnection source, Cancellation cancellation,
            Attempt<T> attempt) throws IOException {
        int attempts = Math.max(1, config.retry().attempts());
        for (int n = 1;; n++) {
            try {
                return attempt.run();
            } catch (TransientDatabaseFailure e) {
                source.discard();
                cancellation.check();
                if (n >= attempts) {
                    throw new DumperException(ExitCode.DATABASE, e.getMessage() + " (gave up after " + attempts + " attempts)", e);
                }
                Duration pause = config.retry().backoff().multipliedBy(1L << (n - 1));
                LOG.warnf("%s: %s failed (%s); attempt %d of %d in %d ms", plan.type().name(), step,
                        e.reason(), n + 1, attempts, pause.toMillis());
                sleep(pause);
                cancellation.check();
            }
        }
    }

    private BatchStats exportOnce(RunPlan plan, Batch batch, StagedOutput staged, SourceConnection source,
            RunListener listener, Cancellation cancellation) throws IOException {
        listener.batchStarted(batch);
        StagedOutput.Part part = staged.createPart(batch.number());
        BlockWriter writer = writer(part, plan.type());
        ByteSink sink = new ByteSink(writer, config.blockSize());
        long rows;
        try {
            rows = BatchExporter.export(source, plan.query(), plan.type(), batch, sink, plan.startsOutput(batch),
                    plan.fetchSize(), n -> listener.progress(batch, n, sink.bytes()), cancellation);
            sink.close();
        } catch (RuntimeException e) {
            sink.abandon();
            staged.discardPart(part);
            throw e;
        }
        BatchStats stats = new BatchStats(batch.number(), rows, sink.bytes(), writer.fileBytes());
        staged.commitPart(part, stats);
        listener.batchFinished(batch, rows, sink.bytes());
        return stats;
    }

    private BlockWriter writer(StagedOutput.Part part, DumpType type) {
        return type.compression() == Compression.NONE
                ? new PlainBlockWriter(part.channel(), blocks)
                : new GzipBlockWriter(part.channel(), compressors(), compressor(type), blocks);
    }

    /** One compressor per method and level for the process: native ones keep their state for reuse. */
    private BlockCompressor compressor(DumpType type) {
        return compressorsByLevel.computeIfAbsent(type.compression() + "-" + type.compressionLevel(),
                key -> Compressors.create(type.compression(), type.compressionLevel(), config.nativeCompression()));
    }

    /** One deflate pool for the process: runs and worker threads share the cores. */
    private synchronized DeflatePool compressors() {
        if (compressors == null) {
            compressors = new DeflatePool(compressionThreads);
        }
        return compressors;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DumperException(ExitCode.INTERRUPTED, "interrupted; run the same command again to resume");
        }
    }

    private static DumperException outputFailure(RunPlan plan, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof InterruptedIOException) {
            return Cancellation.stopped(cause);
        }
        String reason = String.valueOf(cause.getMessage());
        String hint = reason.contains("No space left") ? "free disk space in " + plan.outputDir() : "check the output directory";
        return DumperException.output("cannot write " + plan.fileName() + " in " + plan.outputDir() + " (" + reason + "); "
                + hint + " and run the same command again to resume", cause);
    }
}
