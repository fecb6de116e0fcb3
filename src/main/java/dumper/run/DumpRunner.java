package dumper.run;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.export.BatchExport;
import dumper.export.RunContext;
import dumper.export.SourceConnection;
import dumper.export.SourceDatabase;
import dumper.output.BatchStats;
import dumper.output.OutputDirectories;
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
    private final BatchExport export;
    private final Publisher publisher;
    private final ReportEntries reports;
    private final Instance<DistributedBatches> workers;

    DumpRunner(SourceDatabase database, BatchExport export, Publisher publisher, ReportEntries reports,
            Instance<DistributedBatches> workers) {
        this.database = database;
        this.export = export;
        this.publisher = publisher;
        this.reports = reports;
        this.workers = workers;
    }

    /** Runs the plan: its missing batches exported in this process, or by workers when {@code distributed}. */
    public RunResult run(RunPlan plan, RunListener listener, Cancellation cancellation, boolean distributed) {
        ZonedDateTime startedAt = ZonedDateTime.now(plan.createdAt().getZone());
        long began = System.nanoTime();
        if (!distributed) {
            export.watchSource(plan);
        }
        reports.validate(plan.type().datasource());
        OutputDirectories.prepare("output directory", plan.outputDir(), plan.outputDirNamedBy());
        publisher.checkReady(plan);
        try (StagedOutput staged = StagedOutput.open(plan.outputDir(), plan.fileName(), plan.outputBatches(),
                plan.fingerprint(), plan.fresh(), plan.type().format().columnar);
                SourceConnection source = new SourceConnection(database, plan.type().datasource())) {
            RunContext run = new RunContext(plan, staged, listener, cancellation);
            export.check(run, source);
            listener.started(plan);
            List<Batch> missing = new ArrayList<>();
            for (Batch batch : plan.batches()) {
                if (staged.isDone(batch.number())) {
                    listener.batchSkipped(batch);
                } else {
                    missing.add(batch);
                }
            }
            BatchExecution execution = distributed ? workers.get() : new LocalBatches(export, database, source);
            execution.exportMissing(run, missing);
            cancellation.finishing();
            RunResult result = publishAll(run, startedAt, plan.batches().size() - missing.size(), began);
            listener.finished(result);
            return result;
        } catch (IOException | UncheckedIOException e) {
            throw outputFailure(plan, e);
        }
    }

    /** Removes the staging area of a run that failed or was stopped and can never be resumed. */
    public void removeStaging(RunPlan plan) {
        try (StagedOutput staged = StagedOutput.open(plan.outputDir(), plan.fileName(), plan.outputBatches(),
                plan.fingerprint(), false)) {
            staged.discard();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%s: cannot remove the staging area of %s: %s", plan.type().name(), plan.fileName(), e.getMessage());
        }
    }

    /** Publishes and reports every output file once all batches are done, then clears the staging area. */
    private RunResult publishAll(RunContext run, ZonedDateTime startedAt, int resumed, long began) throws IOException {
        RunPlan plan = run.plan();
        StagedOutput staged = run.staged();
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
                        plan.type().name(), file.served(), file.manifest().sha256());
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
