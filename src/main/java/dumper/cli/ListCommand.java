package dumper.cli;

import java.io.PrintWriter;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dumper.config.DumpType;
import dumper.config.DumpTypes;
import dumper.guard.SourceGuard;

/** {@code dumper list}: the configured types and their settings. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the dump types and their settings.")
class ListCommand implements Runnable {

    @Spec
    CommandSpec spec;

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
        String format = "%-12s %-11s %-8s %-15s %-10s %-30s %s%n";
        out.printf(format, "TYPE", "DATE-RANGE", "BATCH", "WINDOW", "FORMAT", "QUERY", "FILE NAME");
        for (DumpType type : all.values()) {
            out.printf(format, type.name(), lower(type.dateRange()), type.batch(), type.windowLabel(),
                    type.extension().substring(1), type.queryFile(), type.fileName());
        }
        out.printf("%nsource guard (every type, per datasource): %s%n", guard.describe());
        out.flush();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
