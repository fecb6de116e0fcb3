package dumper.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

/**
 * Every run goes through here, whatever started it: the command line (in the foreground), the
 * API and the scheduler (on a bounded pool). A type never runs twice at once in this process
 * (the file lock covers other processes), and on shutdown every run in flight is stopped at a
 * clean point so that it can resume.
 */
@ApplicationScoped
public class RunManager {

    private static final Logger LOG = Logger.getLogger("dumper.run");
    private static final int HISTORY = 500;

    private final RunPlanner planner;
    private final DumpRunner runner;
    private final RunMetrics metrics;
    private final DumperConfig config;
    private final Map<String, RunRecord> history = new LinkedHashMap<>();
    private final Map<String, RunRecord> activeByType = new ConcurrentHashMap<>();
    private ExecutorService pool;
    /** Set on shutdown: no new run starts, not even a scheduled catch-up. */
    private volatile boolean stopping;

    RunManager(RunPlanner planner, DumpRunner runner, RunMetrics metrics, DumperConfig config) {
        this.planner = planner;
        this.runner = runner;
        this.metrics = metrics;
        this.config = config;
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

    public Optional<RunRecord> find(String id) {
        synchronized (history) {
            return Optional.ofNullable(history.get(id));
        }
    }

    /** Newest first. */
    public List<RunRecord> list() {
        synchronized (history) {
            List<RunRecord> runs = new ArrayList<>(history.values());
            java.util.Collections.reverse(runs);
            return runs;
        }
    }

    /** True once shutdown began: runs cancelled from now on were stopped by it, not by a person. */
    public boolean stopping() {
        return stopping;
    }

    public Optional<RunRecord> active(String type) {
        return Optional.ofNullable(activeByType.get(type));
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
        synchronized (history) {
            history.put(record.id(), record);
            // The oldest finished runs go first; a run still going stays findable (and cancellable).
            Iterator<RunRecord> oldestFirst = history.values().iterator();
            while (history.size() > HISTORY && oldestFirst.hasNext()) {
                if (!oldestFirst.next().isActive()) {
                    oldestFirst.remove();
                }
            }
        }
        return record;
    }

    private RunResult execute(RunRecord record, RunListener extra, boolean distributed) {
        MDC.put("runId", record.id());
        MDC.put("type", record.type());
        long began = System.nanoTime();
        record.running();
        try {
            RunResult result = runner.run(record.plan, RunListener.all(record, metrics.listener(record.type()), extra),
                    record.cancellation, distributed);
            record.succeeded(result);
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
        Optional<RunRecord> run = find(id);
        if (run.isEmpty() || !run.get().isActive()) {
            return false;
        }
        run.get().cancellation.request();
        return true;
    }

    /** SIGTERM: stop what runs at a clean point, within the grace period, so it can resume. */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
        if (activeByType.isEmpty()) {
            return;
        }
        boolean oneShot = activeByType.values().stream().allMatch(r -> r.trigger.equals(RunRecord.COMMAND_LINE));
        LOG.infof("stopping %d run(s) for shutdown; %s", activeByType.size(), oneShot
                ? "finished batches are kept: run the same command again to resume"
                : "finished batches are kept, and the run resumes when it is started again (a missed schedule is caught up on the next start)");
        activeByType.values().forEach(r -> r.cancellation.request());
        long deadline = System.nanoTime() + config.serve().shutdownGrace().toNanos();
        while (!activeByType.isEmpty() && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
