package dumper.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dumper.config.BatchSize;
import dumper.config.DumpType;
import dumper.config.DumpTypes;
import dumper.core.DumperException;
import dumper.plan.RunPlan;
import dumper.plan.RunPlanner;
import dumper.plan.RunRequest;
import dumper.publish.PublishedFile;
import dumper.run.ProgressLog;
import dumper.run.RunListener;
import dumper.run.RunManager;
import dumper.run.RunResult;
import dumper.run.StatusLine;
import dumper.run.TerminalWidth;

/** {@code dumper --dump TYPE [START_DATE END_DATE]}: the old tool's command line, and more. */
@TopCommand
@Command(name = "dumper", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {ListCommand.class, CheckCommand.class, ServeCommand.class, WorkerCommand.class, CleanCommand.class},
        description = "Exports a dump type's query to compressed files, batch by batch.",
        footerHeading = "%nExamples:%n",
        footer = {"  dumper --dump zm 2024-01-01 2024-01-07",
                "  dumper --dump zm --start \"2024-01-01 08:00\" --end \"2024-01-07 18:00\" \\",
                "         --batch-hours 4",
                "  dumper --dump bcu",
                "  dumper --dump zm 2024-01-01 2024-03-31 --dry-run"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done",
                "1:internal error (a bug: please report it)",
                "2:usage error: unknown type, bad or missing dates, bad batch",
                "3:configuration error: bad setting, missing or invalid SQL file",
                "4:database error: unreachable, bad credentials, query failed",
                "5:output error: output directory missing or not writable, disk full",
                "6:busy: another run is writing the same file",
                "7:published file differs: rerun with --replace to replace it",
                "8:the columns changed during the run: rerun with --fresh",
                "9:source database over a critical limit; rerun to resume",
                "10:RabbitMQ unreachable (distributed run); rerun to resume",
                "130:interrupted (Ctrl-C); run the same command again to resume",
                "143:stopped by SIGTERM; run the same command again to resume"})
public class DumperCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dump", paramLabel = "TYPE", description = "Dump type to run (see 'dumper list').")
    String type;

    @Parameters(index = "0", arity = "0..1", paramLabel = "START_DATE", description = "First day, YYYY-MM-DD.")
    String startDate;

    @Parameters(index = "1", arity = "0..1", paramLabel = "END_DATE", description = "Last day, included.")
    String endDate;

    @Option(names = "--start", paramLabel = "DATETIME", description = "Window start, e.g. \"2024-01-01 08:00\".")
    String start;

    @Option(names = "--end", paramLabel = "DATETIME",
            description = "Window end: a date-time is excluded, a date alone is included whole.")
    String end;

    @ArgGroup(exclusive = true)
    BatchOptions batch = new BatchOptions();

    @Option(names = "--fetch-size", paramLabel = "N",
            description = "Rows between progress updates and cancellation checks (the type's fetch-size); "
                    + "not rows per batch: batches are windows of time (--batch).")
    Integer fetchSize;

    /** The old name of --fetch-size, which read as rows per batch; kept so that scripts keep working. */
    @Option(names = "--batch-rows", paramLabel = "N", hidden = true)
    Integer batchRows;

    @Option(names = "--threads", paramLabel = "N",
            description = "Batches exported at once, each on its own connection (the type's threads, default 2).")
    Integer threads;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Where files go (default: dumper.output-dir, ./data).")
    Path outputDir;

    @Option(names = "--fresh", description = "Discard finished batches of an earlier, unfinished run of the same file.")
    boolean fresh;

    @Option(names = "--replace", description = "Replace a published file of the same name whose content changed, "
            + "and update its report entry (without it such a run stops with exit code 7).")
    boolean replace;

    @Option(names = "--distributed", description = "Hand the batches to `dumper worker` processes over RabbitMQ; "
            + "this process publishes the file when they are done.")
    boolean distributed;

    @Option(names = "--dry-run", description = "Print the batch plan and exit; touches no database and no file.")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "No status line and no line per batch: the summary, warnings and errors only.")
    boolean quiet;

    private final DumpTypes types;
    private final RunPlanner planner;
    private final RunManager runs;

    DumperCommand(DumpTypes types, RunPlanner planner, RunManager runs) {
        this.types = types;
        this.planner = planner;
        this.runs = runs;
    }

    @Override
    public Integer call() {
        types.validate();
        if (type == null) {
            throw DumperException.usage("nothing to do: give --dump TYPE (known types: "
                    + String.join(", ", types.all().keySet()) + ") or a command such as 'dumper list'; see dumper --help");
        }
        if ((startDate != null || endDate != null) && (start != null || end != null)) {
            throw DumperException.usage("give the window either as START_DATE END_DATE or with --start/--end, not both");
        }
        Integer rowsPerFetch = fetchSize != null ? fetchSize : batchRows;
        if (rowsPerFetch != null && rowsPerFetch < 1) {
            throw DumperException.usage("--fetch-size must be at least 1");
        }
        if (threads != null && (threads < 1 || threads > DumpType.MAX_THREADS)) {
            throw DumperException.usage("--threads must be between 1 and " + DumpType.MAX_THREADS);
        }
        RunRequest request = RunRequest.forType(type)
                .start(start != null ? start : startDate)
                .end(end != null ? end : endDate)
                .batch(batch.size().orElse(null))
                .fetchSize(rowsPerFetch)
                .threads(threads)
                .outputDir(outputDir)
                .fresh(fresh)
                .replace(replace)
                .build();
        RunPlan plan = planner.plan(request);
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            PlanPrinter.print(plan, out);
            return 0;
        }
        // The paths go out as the run finishes, before it ends: a signal that comes while it
        // publishes lets it finish, and the process then ends with 0 right away (RunManager).
        RunListener printPaths = new RunListener() {
            @Override
            public void finished(RunResult result) {
                for (PublishedFile file : result.files()) {
                    out.println(file.served());
                }
                out.flush();
            }
        };
        try (StatusLine status = onTerminal() && !quiet ? new StatusLine(spec.commandLine().getErr(), new TerminalWidth()).activate()
                : null; ProgressLog progress = new ProgressLog(status, quiet)) {
            runs.runInForeground(plan, RunListener.all(progress, printPaths), distributed);
        }
        return 0;
    }

    /** A person watches: a status line at the bottom of the terminal, unless logs are JSON for a collector. */
    private static boolean onTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal() && !ConfigProvider.getConfig()
                .getOptionalValue("quarkus.log.console.json.enabled", Boolean.class).orElse(false);
    }

    /** The batch size, in one of three spellings. */
    static class BatchOptions {
        @Option(names = "--batch", paramLabel = "SIZE", description = "Batch size: 7d, 4h, P7D, PT4H, P1M.")
        String text;

        @Option(names = "--batch-days", paramLabel = "N", description = "Batch size in days.")
        Integer days;

        @Option(names = "--batch-hours", paramLabel = "N", description = "Batch size in hours.")
        Integer hours;

        Optional<BatchSize> size() {
            try {
                if (text != null) {
                    return Optional.of(BatchSize.parse(text));
                }
                if (days != null) {
                    return Optional.of(BatchSize.ofDays(days));
                }
                if (hours != null) {
                    return Optional.of(BatchSize.ofHours(hours));
                }
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                throw DumperException.usage("bad batch size: " + e.getMessage());
            }
        }
    }
}
