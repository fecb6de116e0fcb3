package dumper.run;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.plan.Batch;
import dumper.plan.RunPlan;
import dumper.publish.PublishedFile;

/** One run as the service sees it: its plan, its progress while it goes, its outcome after. */
public final class RunRecord implements RunListener {

    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED
    }

    /** The trigger of a run started from the command line (in the foreground). */
    public static final String COMMAND_LINE = "command-line";

    public final RunPlan plan;
    public final String trigger;
    public final Cancellation cancellation = new Cancellation();
    private final OffsetDateTime queuedAt = OffsetDateTime.now();
    private volatile Status status = Status.QUEUED;
    private volatile OffsetDateTime startedAt;
    private volatile OffsetDateTime finishedAt;
    private volatile int batchesDone;
    private final RunProgress progress = new RunProgress();
    private volatile String error;
    private volatile int exitCode;
    private volatile List<PublishedFile> files = List.of();
    private volatile String heldBecause;
    private volatile boolean reported;
    /** Batches that started, by number; the others are pending. */
    private final ConcurrentHashMap<Integer, BatchState> batches = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Long> batchStartNanos = new ConcurrentHashMap<>();
    /** The run's own log lines, the last {@link #LOG_LINES}. */
    private final java.util.ArrayDeque<String> log = new java.util.ArrayDeque<>();
    private static final int LOG_LINES = 50;

    public RunRecord(RunPlan plan, String trigger) {
        this.plan = plan;
        this.trigger = trigger;
    }

    public String id() {
        return plan.runId();
    }

    public String type() {
        return plan.type().name();
    }

    public Status status() {
        return status;
    }

    public List<PublishedFile> files() {
        return files;
    }

    public boolean isActive() {
        return status == Status.QUEUED || status == Status.RUNNING;
    }

    void running() {
        startedAt = OffsetDateTime.now();
        status = Status.RUNNING;
    }

    /** {@code reported}: each file got a report entry (reports are on). */
    void succeeded(RunResult result, boolean reported) {
        this.reported = reported;
        files = result.files();
        finish(Status.SUCCEEDED, null, 0);
    }

    void failed(DumperException e) {
        finish(e.exitCode == ExitCode.INTERRUPTED ? Status.CANCELLED : Status.FAILED, forTrigger(e.getMessage()), e.exitCode.code);
    }

    /**
     * The message with its advice put for the way this run was started: a run started through
     * the API or by the scheduler has no command to run again; the same run started again
     * through the API resumes it.
     */
    private String forTrigger(String message) {
        return trigger.equals(COMMAND_LINE) || message == null ? message
                : message.replace("run the same command again", "start the same run again (POST /api/runs with the same "
                        + "type, start and end)");
    }

    private void finish(Status outcome, String message, int code) {
        batches.replaceAll((n, b) -> b.phase() == BatchState.Phase.RUNNING ? with(b, BatchState.Phase.FAILED, b.rows()) : b);
        error = message;
        exitCode = code;
        finishedAt = OffsetDateTime.now();
        status = outcome;
    }

    @Override
    public void batchSkipped(Batch batch) {
        batchesDone++;
        batches.put(batch.number(), BatchState.of(batch, BatchState.Phase.SKIPPED, 0));
    }

    @Override
    public void batchStarted(Batch batch) {
        batchStartNanos.put(batch.number(), System.nanoTime());
        batches.compute(batch.number(), (n, b) -> BatchState.of(batch, BatchState.Phase.RUNNING,
                b == null ? 1 : b.attempts() + 1));
    }

    @Override
    public void progress(Batch batch, long rows, long bytes) {
        progress.update(batch, rows, bytes);
        batches.computeIfPresent(batch.number(), (n, b) -> with(b, b.phase(), rows));
    }

    @Override
    public void batchFinished(Batch batch, long rows, long bytes) {
        batchesDone++;
        progress.finished(batch, rows, bytes);
        // A queue worker's batch is seen only when it is done.
        batches.compute(batch.number(), (n, b) -> with(b != null ? b : BatchState.of(batch, BatchState.Phase.DONE, 1),
                BatchState.Phase.DONE, rows));
    }

    private BatchState with(BatchState b, BatchState.Phase phase, long rows) {
        Long began = batchStartNanos.get(b.number());
        long millis = began == null ? b.millis() : (System.nanoTime() - began) / 1_000_000;
        return new BatchState(b.number(), b.start(), b.end(), phase, b.attempts(), rows, millis);
    }

    /** Keeps a log line of this run (the oldest go once there are {@value #LOG_LINES}). */
    void log(String line) {
        synchronized (log) {
            if (log.size() == LOG_LINES) {
                log.removeFirst();
            }
            log.addLast(line);
        }
    }

    private List<String> logLines() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** This run now, as plain data: what the API, the page and the run history use. */
    public RunSummary summary() {
        Status now = status;
        List<BatchState> grid = plan.batches().stream()
                .map(b -> batches.getOrDefault(b.number(), BatchState.of(b, BatchState.Phase.PENDING, 0)))
                .toList();
        return new RunSummary(id(), type(), trigger, now, plan.window() == null ? null : plan.window().start(),
                plan.window() == null ? null : plan.window().end(), batchesDone, plan.batches().size(), rows(), textBytes(),
                queuedAt, startedAt, finishedAt, files.stream().map(f -> FileEntry.of(f, reported)).toList(), grid, error,
                exitCode(), heldBecause(), logLines());
    }

    @Override
    public void held(Batch batch, String reason) {
        heldBecause = reason;
    }

    /** Why the source guard holds the run now ({@code Threads_running 41 > 30}); null while it reads. */
    public String heldBecause() {
        return isActive() ? heldBecause : null;
    }

    public OffsetDateTime queuedAt() {
        return queuedAt;
    }

    /** Null while queued. */
    public OffsetDateTime startedAt() {
        return startedAt;
    }

    /** Null while active. */
    public OffsetDateTime finishedAt() {
        return finishedAt;
    }

    /** Batches finished or found finished from an earlier attempt. */
    public int batchesDone() {
        return batchesDone;
    }

    /** Rows so far, including the batches in flight. */
    public long rows() {
        return progress.rows();
    }

    /** Text bytes (before compression) so far, including the batches in flight. */
    public long textBytes() {
        return progress.bytes();
    }

    /** Why the run failed or stopped; null otherwise. */
    public String error() {
        return error;
    }

    /** The exit code of a failed or cancelled run; null otherwise. */
    public Integer exitCode() {
        return status == Status.FAILED || status == Status.CANCELLED ? exitCode : null;
    }
}
