package dumper.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import dumper.config.DumpType;
import dumper.config.DumperConfig;
import dumper.export.BatchExporter;
import dumper.export.SourceDatabase;
import dumper.output.BlockWriter;
import dumper.output.ByteSink;
import dumper.output.Compression;
import dumper.output.FileNames;
import dumper.output.GzipBlockWriter;
import dumper.output.PlainBlockWriter;
import dumper.output.StagedOutput;
import dumper.plan.Batch;
import dumper.plan.RunPlan;

/** Carries out a plan, batch by batch; the one code path for every way a run is started. */
@ApplicationScoped
public class DumpRunner {

    private final SourceDatabase database;
    private final DumperConfig config;

    DumpRunner(SourceDatabase database, DumperConfig config) {
        this.database = database;
        this.config = config;
    }

    public RunResult run(RunPlan plan, RunListener listener) {
        long began = System.nanoTime();
        DumpType type = plan.type();
        int threads = config.compressionThreads() > 0 ? config.compressionThreads() : Runtime.getRuntime().availableProcessors();
        ExecutorService compressors = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "dumper-deflate");
            thread.setDaemon(true);
            return thread;
        });
        try (StagedOutput staged = StagedOutput.open(plan.outputDir(), plan.fileName(), fingerprint(plan));
                Connection connection = database.open(type.datasource())) {
            BatchExporter.explain(connection, plan.query(), type, plan.batches().get(0));
            listener.started(plan);
            List<Path> files = new ArrayList<>();
            long rows = 0;
            long textBytes = 0;
            long fileBytes = 0;
            int resumed = 0;
            for (Batch batch : plan.batches()) {
                if (staged.isDone(batch.number()) || staged.isPublished(batch.number())) {
                    resumed++;
                    listener.batchSkipped(batch);
                    continue;
                }
                listener.batchStarted(batch);
                BlockWriter writer = writer(staged.createPart(batch.number()), type, compressors, threads);
                ByteSink sink = new ByteSink(writer, config.blockSize());
                boolean header = batch.number() == 1 || type.filePerBatch();
                long batchRows = BatchExporter.export(connection, plan.query(), type, batch, sink, header,
                        plan.fetchSize(), n -> listener.progress(batch, n, sink.bytes()));
                sink.close();
                staged.commitPart(batch.number());
                rows += batchRows;
                textBytes += sink.bytes();
                fileBytes += writer.fileBytes();
                listener.batchFinished(batch, batchRows, sink.bytes());
                if (type.filePerBatch()) {
                    String name = batch.window() == null ? plan.fileName() : FileNames.render(type, batch.window(), LocalDateTime.now());
                    files.add(staged.publishBatch(batch.number(), name));
                }
            }
            if (!type.filePerBatch()) {
                files.add(staged.publish(plan.batches().size(), plan.fileName()));
            }
            staged.discard();
            RunResult result = new RunResult(files, plan.batches().size(), resumed, rows, textBytes, fileBytes,
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

    private BlockWriter writer(FileChannel file, DumpType type, ExecutorService compressors, int threads) {
        return type.compression() == Compression.GZIP
                ? new GzipBlockWriter(file, compressors, threads, type.compressionLevel(), config.blockSize())
                : new PlainBlockWriter(file, config.blockSize());
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
