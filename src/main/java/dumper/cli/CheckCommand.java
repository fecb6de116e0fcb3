package dumper.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import dumper.export.DatasourceRights;
import dumper.export.ExplainRow;
import dumper.export.SourceConnection;
import dumper.export.SourceDatabase;
import dumper.guard.SourceGuard;
import dumper.output.Compressors;
import dumper.plan.Batch;
import dumper.plan.QueryFiles;
import dumper.plan.QueryTemplate;
import dumper.plan.Window;

/**
 * {@code dumper check [TYPE...]}: validates configuration, reads every SQL file and has the
 * server EXPLAIN each query, without dumping anything; prints what EXPLAIN shows for one batch
 * (access type, index, estimated rows) and warns when a type with a window reads a whole table
 * for every batch. Exits with the code of the first failure.
 */
@Singleton
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks configuration, SQL files and database access without dumping.")
class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TYPE", arity = "0..*", description = "Types to check (default: all).")
    List<String> names = new ArrayList<>();

    /** Rights that change nothing; any other right of a source user is more than it needs. */
    private static final Set<String> READ_ONLY = Set.of("SELECT", "SHOW VIEW", "USAGE", "PROCESS", "REPLICATION CLIENT",
            "SLAVE MONITOR", "BINLOG MONITOR", "REPLICA MONITOR", "SHOW DATABASES");
    private static final Set<String> REPORT_NEEDS = Set.of("SELECT", "INSERT", "UPDATE");
    private static final Pattern INSERT_INTO = Pattern.compile("(?i)INSERT\\s+INTO\\s+`?([\\w$.]+)`?");

    private final DumpTypes types;
    private final SourceDatabase database;
    private final SourceGuard guard;
    private final DatasourceRights rights;
    private final DumperConfig config;
    /** The check in progress, for {@link #onShutdown}; and the sign that it has ended. */
    private volatile Cancellation running;
    private final CountDownLatch ended = new CountDownLatch(1);

    CheckCommand(DumpTypes types, SourceDatabase database, SourceGuard guard, DatasourceRights rights, DumperConfig config) {
        this.types = types;
        this.database = database;
        this.guard = guard;
        this.rights = rights;
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
                    List<ExplainRow> plan = check(type, running);
                    out.printf("ok    %s (%s)%n", type.name(), type.queryFile());
                    for (ExplainRow row : plan) {
                        out.printf("        EXPLAIN %s%n", row.describe());
                        if (row.fullScan() && type.dateRange() != DateRange.PROHIBITED) {
                            err.printf("warn  %s: the query reads all of table %s for every batch (EXPLAIN type %s): each "
                                    + "batch scans the whole table; index the column the window filters on, and compare it "
                                    + "bare (no function around it)%n", type.name(), row.table(), row.access());
                        }
                    }
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
            out.printf("source guard (every type, per datasource): %s%n", guard.describe());
            try {
                reportRights(selected, out, err);
            } catch (DumperException e) {
                err.printf("FAIL  %s%n", e.getMessage());
                exitCode = exitCode == 0 ? e.exitCode.code : exitCode;
            }
        } finally {
            out.flush();
            err.flush();
            ended.countDown();
        }
        return exitCode;
    }

    /**
     * Which rights each datasource's user has, what a source user could do beyond reading, and
     * what the report user lacks on the report table (least privilege: docs/operations.md).
     */
    private void reportRights(List<DumpType> selected, PrintWriter out, PrintWriter err) {
        Map<String, List<String>> uses = new TreeMap<>();
        selected.forEach(type -> uses.computeIfAbsent(type.datasource(), d -> new ArrayList<>()).add(type.name()));
        String report = config.report().enabled() ? config.report().datasource() : null;
        String table = reportTable();
        if (report != null) {
            uses.computeIfAbsent(report, d -> new ArrayList<>());
        }
        for (Map.Entry<String, List<String>> use : uses.entrySet()) {
            String name = use.getKey();
            boolean reports = name.equals(report);
            Set<String> has = rights.of(name, reports ? table : null);
            out.printf("rights %s (%s%s): %s%n", name, use.getValue().isEmpty() ? "" : "source of " + String.join(", ", use.getValue()),
                    reports ? (use.getValue().isEmpty() ? "" : "; ") + "report entries in " + table : "",
                    has.isEmpty() ? "none seen" : String.join(", ", has));
            Set<String> writes = new TreeSet<>(has);
            writes.removeAll(READ_ONLY);
            if (!reports && !use.getValue().isEmpty() && !writes.isEmpty()) {
                err.printf("warn  datasource %s: its user may also %s; a source needs only SELECT%n", name, String.join(", ", writes));
            } else if (reports && !use.getValue().isEmpty()) {
                err.printf("warn  datasource %s: report entries are written into the source database, so its user needs INSERT "
                        + "and UPDATE there; give them a datasource of their own (dumper.report.datasource) to keep the source "
                        + "read-only%n", name);
            }
            if (reports && !has.contains("ALL PRIVILEGES")) {
                Set<String> lacks = new TreeSet<>(REPORT_NEEDS);
                lacks.removeAll(has);
                if (!lacks.isEmpty()) {
                    err.printf("warn  datasource %s: its user lacks %s on %s; report entries would fail%n", name,
                            String.join(", ", lacks), table);
                }
            }
        }
    }

    /** The table the report INSERT writes into. */
    private String reportTable() {
        Matcher insert = INSERT_INTO.matcher(config.report().insert());
        return insert.find() ? insert.group(1) : "dump_report";
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

    private List<ExplainRow> check(DumpType type, Cancellation cancellation) {
        Compressors.requireAvailable(type.compression());
        QueryTemplate query = QueryFiles.load(type);
        LocalDate today = LocalDate.now(types.zone());
        Window sample = type.dateRange() == DateRange.PROHIBITED ? null
                : new Window(today.atStartOfDay(), today.plusDays(1).atStartOfDay());
        try (SourceConnection source = new SourceConnection(database, type.datasource())) {
            return BatchQuery.toCheck(query, type, cancellation).explain(source, new Batch(1, sample));
        }
    }
}
