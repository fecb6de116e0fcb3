package dumper.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dumper.publish.Retention;

/** {@code dumper clean [--dry-run]}: lists unfinished runs and removes what the retention settings say. */
@Command(name = "clean", mixinStandardHelpOptions = true, description = "Lists unfinished runs and removes what "
        + "dumper.retention.* says: abandoned staging, old published files (never one a report entry points to, "
        + "unless dumper.retention.delete-reported=true).")
class CleanCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "Only say what would be removed.")
    boolean dryRun;

    private final Retention retention;

    CleanCommand(Retention retention) {
        this.retention = retention;
    }

    @Override
    public void run() {
        List<String> lines = retention.apply(dryRun);
        PrintWriter out = spec.commandLine().getOut();
        if (lines.isEmpty()) {
            out.println("nothing unfinished and nothing to remove");
        }
        lines.forEach(out::println);
        out.flush();
    }
}
