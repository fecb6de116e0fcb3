package dumper.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dumper.config.DateRange;
import dumper.config.DumpType;
import dumper.config.DumpTypes;
import dumper.core.DumperException;
import dumper.export.BatchQuery;
import dumper.export.ExplainRow;
import dumper.export.SourceConnection;
import dumper.export.SourceDatabase;
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
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks configuration, SQL files and database access without dumping.")
class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TYPE", arity = "0..*", description = "Types to check (default: all).")
    List<String> names = new ArrayList<>();

    private final DumpTypes types;
    private final SourceDatabase database;

    CheckCommand(DumpTypes types, SourceDatabase database) {
        this.types = types;
        this.database = database;
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
        for (DumpType type : selected) {
            try {
                List<ExplainRow> plan = check(type);
                out.printf("ok    %s (%s)%n", type.name(), type.queryFile());
                for (ExplainRow row : plan) {
                    out.printf("        EXPLAIN %s%n", row.describe());
                    if (row.fullScan() && type.dateRange() != DateRange.PROHIBITED) {
                        err.printf("warn  %s: the query reads all of table %s for every batch (EXPLAIN type ALL): each batch "
                                + "scans the whole table; index the column the window filters on%n", type.name(), row.table());
                    }
                }
            } catch (DumperException e) {
                err.printf("FAIL  %s: %s%n", type.name(), e.getMessage());
                exitCode = exitCode == 0 ? e.exitCode.code : exitCode;
            }
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    private List<ExplainRow> check(DumpType type) {
        Compressors.requireAvailable(type.compression());
        QueryTemplate query = QueryFiles.load(type);
        LocalDate today = LocalDate.now(types.zone());
        Window sample = type.dateRange() == DateRange.PROHIBITED ? null
                : new Window(today.atStartOfDay(), today.plusDays(1).atStartOfDay());
        try (SourceConnection source = new SourceConnection(database, type.datasource())) {
            return BatchQuery.toCheck(query, type).explain(source, new Batch(1, sample));
        }
    }
}
