package dumper.cli;

import java.io.PrintWriter;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dumper.config.DumpType;
import dumper.config.DumpTypes;
import dumper.guard.SourceGuard;

/** {@code dumper list}: the configured types and their settings. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the dump types and their settings (-v: also datasource, threads, schedule).")
class ListCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Also the datasource, threads and schedule of each type.")
    boolean verbose;

    private final DumpTypes types;
    private final SourceGuard guard;

    ListCommand(DumpTypes types, SourceGuard guard) {
        this.types = types;
        this.guard = guard;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        var all = types.all();
        String format = "%-12s %-11s %-8s %-15s %-10s %-30s %s";
        String more = verbose ? "   %-12s %-7s %s%n" : "%n";
        out.printf(format + more, "TYPE", "DATE-RANGE", "BATCH", "WINDOW", "FORMAT", "QUERY", "FILE NAME", "DATASOURCE", "THREADS",
                "SCHEDULE");
        for (DumpType type : all.values()) {
            out.printf(format + more, type.name(), lower(type.dateRange()), type.batch(), type.windowLabel(),
                    type.extension().substring(1), type.queryFile(), type.fileName(), type.datasource(), type.threads(),
                    type.schedules().isEmpty() ? "-" : String.join("; ", type.schedules()));
        }
        out.printf("%nsource guard (every type, per datasource): %s%n", guard.describe());
        out.flush();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
