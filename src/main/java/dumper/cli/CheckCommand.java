package dumper.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dumper.config.DateRange;
import dumper.config.DumpType;
import dumper.config.DumpTypes;
import dumper.config.DumperConfig;
import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.export.BatchQuery;
import dumper.export.SourceConnection;
import dumper.export.SourceDatabase;
import dumper.output.Compressors;
import dumper.plan.Batch;
import dumper.plan.QueryFiles;
import dumper.plan.QueryTemplate;
import dumper.plan.Window;

/**
 * {@code dumper check [TYPE...]}: validates configuration, reads every SQL file and has the
 * server EXPLAIN each query, without dumping anything. Exits with the code of the first failure.
 */
@Singleton
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks configuration, SQL files and database access without dumping.")
class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TYPE", arity = "0..*", description = "Types to check (default: all).")
    List<String> names = new ArrayList<>();

    private final DumpTypes types;
    private final SourceDatabase database;
    private final DumperConfig config;
    /** The check in progress, for {@link #onShutdown}; and the sign that it has ended. */
    private volatile Cancellation running;
    private final CountDownLatch ended = new CountDownLatch(1);

    CheckCommand(DumpTypes types, SourceDatabase database, DumperConfig config) {
        this.types = types;
        this.database = database;
        this.config = config;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<DumpType> selected = new ArrayList<>();
        if (names.isEmpty()) {
            selected.addAll(types.all().values());
        } else {
            names.forEach(name -> selected.add(types.get(name)));
        }
        int exitCode = 0;
        running = new Cancellation();
        try {
            for (DumpType type : selected) {
                try {
                    check(type, running);
                    out.printf("ok    %s (%s)%n", type.name(), type.queryFile());
                } catch (DumperException e) {
                    if (e.exitCode == ExitCode.INTERRUPTED) {
                        err.println("dumper: check stopped on request while checking type " + type.name()
                                + "; nothing was written");
                        return e.exitCode.code;
                    }
                    err.printf("FAIL  %s: %s%n", type.name(), e.getMessage());
                    exitCode = exitCode == 0 ? e.exitCode.code : exitCode;
                }
            }
        } finally {
            out.flush();
            err.flush();
            ended.countDown();
        }
        return exitCode;
    }

    /**
     * SIGTERM or Ctrl-C aborts the EXPLAIN in flight (a server may take long to answer one), as
     * it stops a run, and holds the shutdown (bounded by the grace period of a run) until the
     * check has said so and ended the EXPLAIN on the server; the other types are not looked at.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        Cancellation inFlight = running;
        if (inFlight == null) {
            return;
        }
        inFlight.request();
        try {
            ended.await(config.serve().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void check(DumpType type, Cancellation cancellation) {
        Compressors.requireAvailable(type.compression());
        QueryTemplate query = QueryFiles.load(type);
        LocalDate today = LocalDate.now(types.zone());
        Window sample = type.dateRange() == DateRange.PROHIBITED ? null
                : new Window(today.atStartOfDay(), today.plusDays(1).atStartOfDay());
        try (SourceConnection source = new SourceConnection(database, type.datasource())) {
            BatchQuery.toCheck(query, type, cancellation).explain(source, new Batch(1, sample));
        }
    }
}
