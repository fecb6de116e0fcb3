package dumper.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.quarkus.runtime.ShutdownEvent;

import dumper.config.DumpType;
import dumper.config.DumperConfig;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.core.OutOfMemory;
import dumper.plan.RunPlan;
import dumper.plan.RunPlanner;
import dumper.plan.RunRequest;
import dumper.publish.ReportEntries;

/**
 * Every run goes through here, whatever started it: the command line (in the foreground), the
 * API and the scheduler (on a bounded pool). A type never runs twice at once in this process
 * (the file lock covers other processes), and on shutdown every run in flight is stopped at a
 * clean point so that it can resume.
 */
@ApplicationScoped
public class RunManager {

    private static final Logger LOG = Logger.getLogger("dumper.run");

    private final RunPlanner planner;
    private final DumpRunner runner;
    private final RunMetrics metrics;
    private final DumperConfig config;
    private final RunStore store;
    private final ReportEntries reports;
    /** Every run known, as last summed up; a run in flight is asked for its progress instead ({@link #live}). */
    private final Map<String, RunSummary> history = new HashMap<>();
    /** Read from disk on first use, so a one-shot command never reads the history. */
    private boolean historyLoaded;
    private final Map<String, RunRecord> live = new ConcurrentHashMap<>();
    private final Map<String, RunRecord> activeByType = new ConcurrentHashMap<>();
    private ExecutorService pool;
    /** Set on shutdown: no new run starts, not even a scheduled catch-up. */
    private volatile boolean stopping;
    /** The command line's run finished: published, reported, its files told to its listener. */
    private volatile boolean commandLineSucceeded;

    RunManager(RunPlanner planner, DumpRunner runner, RunMetrics metrics, DumperConfig config, RunStore store,
            ReportEntries reports) {
        this.planner = planner;
        this.runner = runner;
        this.metrics = metrics;
        this.config = config;
        this.store = store;
        this.reports = reports;
    }

    /** Plans and queues a run; planning errors are thrown here, before anything is queued. */
    public RunRecord submit(RunRequest request, String trigger) {
        return submit(request, trigger, ended -> { });
    }

    /** As {@link #submit(RunRequest, String)}, calling {@code whenEnded} with the run once it is over. */
    public RunRecord submit(RunRequest request, String trigger, Consumer<RunRecord> whenEnded) {
        RunRecord record = claim(new RunRecord(planner.plan(request), trigger));
        pool().submit(() -> {
            try {
                execute(record, new ProgressLog(null), config.queue().enabled());
            } catch (DumperException e) {
                // Recorded on the run for the API; the command line prints its own line instead.
                LOG.warnf("%s: run %s ended: %s", record.type(), record.id(), e.getMessage());
                if (request.windowFromClock() && record.plan.window() != null
                        && !(record.plan.type().window() instanceof DumpType.DefaultWindow.SinceLastRun)) {
                    // Its window ended "now": no later request plans it again, so nothing would
                    // ever resume from its staging area, which would stay on disk for good. A
                    // since-last-run window is left alone: the next run starts where the last
                    // published one ended, and what it finds staged is its business.
                    LOG.infof("%s: run %s can never be resumed (its window ended when it was planned); its staging "
                            + "area is removed", record.type(), record.id());
                    runner.removeStaging(record.plan);
                }
            } finally {
                whenEnded.accept(record);
            }
        });
        return record;
    }

    /** Runs in the calling thread: the command line's way; {@code distributed} hands batches to workers. */
    public RunResult runInForeground(RunPlan plan, RunListener listener, boolean distributed) {
        return execute(claim(new RunRecord(plan, RunRecord.COMMAND_LINE)), listener, distributed);
    }

    /** The run with {@code id}, now: from this process, or from the run history of an earlier one. */
    public Optional<RunSummary> find(String id) {
        RunRecord running = live.get(id);
        if (running != null) {
            return Optional.of(running.summary());
        }
        synchronized (history) {
            loadHistory();
            return Optional.ofNullable(history.get(id));
        }
    }

    /** Every run in the history, newest first, those in flight as they are now. */
    public List<RunSummary> list() {
        List<RunSummary> runs;
        synchronized (history) {
            loadHistory();
            runs = new ArrayList<>(history.values());
        }
        return runs.stream()
                .map(r -> Optional.ofNullable(live.get(r.id())).map(RunRecord::summary).orElse(r))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    private static final Comparator<RunSummary> NEWEST_FIRST = Comparator.comparing(RunSummary::queuedAt,
            Comparator.nullsLast(Comparator.reverseOrder()));

    private void loadHistory() {
        if (!historyLoaded) {
            historyLoaded = true;
            store.load(config.outputDirectory()).forEach(r -> history.putIfAbsent(r.id(), r));
            forgetOldest();
        }
    }

    /** Keeps the history within {@code dumper.serve.run-history}: the oldest finished runs go first. */
    private void forgetOldest() {
        int keep = Math.max(1, config.serve().runHistory());
        if (history.size() <= keep) {
            return;
        }
        List<RunSummary> oldestFirst = history.values().stream().filter(r -> !live.containsKey(r.id()))
                .sorted(NEWEST_FIRST.reversed()).toList();
        for (RunSummary old : oldestFirst.subList(0, Math.min(oldestFirst.size(), history.size() - keep))) {
            history.remove(old.id());
            store.delete(config.outputDirectory(), old.id());
        }
    }

    /** Sums {@code record} up into the history, in memory and on disk. */
    private void remember(RunRecord record) {
        RunSummary summary = record.summary();
        synchronized (history) {
            history.put(summary.id(), summary);
            if (historyLoaded) {
                forgetOldest();
            }
        }
        store.save(record.plan.outputDir(), summary);
    }

    /** True once shutdown began: runs cancelled from now on were stopped by it, not by a person. */
    public boolean stopping() {
        return stopping;
    }

    public Optional<RunRecord> active(String type) {
        return Optional.ofNullable(activeByType.get(type));
    }

    /** The run with {@code id} if it is in flight in this process. */
    Optional<RunRecord> live(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /** The runs in flight, as they are now. */
    public List<RunSummary> active() {
        return live.values().stream().map(RunRecord::summary).sorted(NEWEST_FIRST).toList();
    }

    private RunRecord claim(RunRecord record) {
        if (stopping) {
            throw new DumperException(ExitCode.BUSY, "dumper is shutting down; start the run again once it is back");
        }
        RunRecord holder = activeByType.putIfAbsent(record.type(), record);
        if (holder != null) {
            throw new DumperException(ExitCode.BUSY, "type " + record.type() + " is already running (run " + holder.id()
                    + "); wait for it or cancel it");
        }
        live.put(record.id(), record);
        remember(record);
        return record;
    }

    private RunResult execute(RunRecord record, RunListener extra, boolean distributed) {
        MDC.put("runId", record.id());
        MDC.put("type", record.type());
        long began = System.nanoTime();
        record.running();
        metrics.started(record.type());
        try {
            RunResult result = runner.run(record.plan, RunListener.all(record, metrics.listener(record.type()), extra),
                    record.cancellation, distributed);
            record.succeeded(result, reports.enabled());
            if (record.trigger.equals(RunRecord.COMMAND_LINE)) {
                commandLineSucceeded = true;
            }
            return result;
        } catch (DumperException e) {
            record.failed(e);
            throw e;
        } catch (RuntimeException e) {
            DumperException internal = new DumperException(ExitCode.INTERNAL, "internal error: " + e, e);
            record.failed(internal);
            LOG.error("run " + record.id() + " failed", e);
            throw internal;
        } catch (Error e) {
            if (e instanceof OutOfMemoryError oom) {
                throw OutOfMemory.halt(oom);
            }
            // The run is over, and the API must not show it running for ever.
            record.failed(new DumperException(ExitCode.INTERNAL, "internal error: " + e, e));
            throw e;
        } finally {
            remember(record);
            live.remove(record.id());
            activeByType.remove(record.type(), record);
            metrics.finished(record.type(), record.status(), Duration.ofNanos(System.nanoTime() - began));
            MDC.remove("runId");
            MDC.remove("type");
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(Math.max(1, config.serve().parallelRuns()), r -> {
                Thread thread = new Thread(r, "dumper-run");
                thread.setDaemon(true);
                return thread;
            });
        }
        return pool;
    }

    /** Cancels a run; false when it is unknown or already over. */
    public boolean cancel(String id) {
        RunRecord run = live.get(id);
        if (run == null || !run.isActive()) {
            return false;
        }
        run.cancellation.request();
        return true;
    }

    /**
     * SIGTERM: stop what runs at a clean point, within the grace period, so it can resume. A run
     * already publishing is waited for, however long that takes: stopped, it would leave a file
     * published but not reported, and its caller would run again what is done.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
        if (!activeByType.isEmpty()) {
            stopRuns();
        }
        if (commandLineSucceeded && !event.isStandardShutdown()) {
            // A signal during (or just after) a run that completed: its files are printed (by its
            // listener, before it ended). The process ends as what it is, done, not with the
            // signal's 143 or 130, which would have a caller run it again.
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }
    }

    private void stopRuns() {
        boolean oneShot = activeByType.values().stream().allMatch(r -> r.trigger.equals(RunRecord.COMMAND_LINE));
        LOG.infof("stopping %d run(s) for shutdown; %s", activeByType.size(), oneShot
                ? "finished batches are kept: run the same command again to resume"
                : "finished batches are kept, and the run resumes when it is started again (a missed schedule is caught up on the next start)");
        activeByType.values().forEach(r -> r.cancellation.request());
        long deadline = System.nanoTime() + config.serve().shutdownGrace().toNanos();
        boolean told = false;
        while (!activeByType.isEmpty() && (System.nanoTime() < deadline || anyFinishing())) {
            if (!told && System.nanoTime() >= deadline) {
                LOG.infof("the shutdown grace is over, but a run is publishing its files; waiting for it to finish");
                told = true;
            }
            if (!pause(50)) {
                return;
            }
        }
    }

    private boolean anyFinishing() {
        return activeByType.values().stream().anyMatch(r -> r.cancellation.isFinishing());
    }

    private static boolean pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
