package dumper.plan;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import dumper.config.BatchSize;
import dumper.config.DateRange;
import dumper.config.DumpType.DefaultWindow;
import dumper.config.DumpType;
import dumper.config.DumpTypes;
import dumper.config.DumperConfig;
import dumper.core.DumperException;
import dumper.plan.RunPlan.OutputFile;

/** Turns a request into a checked plan: type, window, batches, query, file name. */
@ApplicationScoped
public class RunPlanner {

    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final DumpTypes types;
    private final DumperConfig config;
    private final PreviousRuns history;
    private final CompressionSupport compressions;

    RunPlanner(DumpTypes types, DumperConfig config, PreviousRuns history, CompressionSupport compressions) {
        this.types = types;
        this.config = config;
        this.history = history;
        this.compressions = compressions;
    }

    public RunPlan plan(RunRequest request) {
        DumpType type = types.get(request.type());
        compressions.requireAvailable(type.compression());
        Path outputDir = request.outputDir().orElse(config.outputDirectory());
        ZonedDateTime createdAt = unrecordedRun(type, request, outputDir)
                .or(request::at).map(t -> t.withZoneSameInstant(types.zone()))
                .orElseGet(() -> ZonedDateTime.now(types.zone())).truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime now = createdAt.toLocalDateTime();
        Optional<String> outputDirNamedBy = request.outputDir().isPresent() ? Optional.of("--output-dir")
                : config.outputDir().map(setting -> "dumper.output-dir");
        Window window = window(type, request, createdAt, outputDir);
        if (window != null) {
            window.unrepresentable().ifPresent(reason -> {
                throw DumperException.usage(reason);
            });
        }
        BatchSize size = request.batch().orElse(type.batch());
        List<Batch> batches;
        try {
            batches = BatchPlanner.plan(window, size);
        } catch (IllegalArgumentException e) {
            throw DumperException.usage(e.getMessage());
        } catch (ArithmeticException | DateTimeException e) {
            throw DumperException.usage("batch " + size + " does not fit the calendar from " + window.start()
                    + "; use a smaller batch");
        }
        QueryTemplate query = QueryFiles.load(type);
        String fileName = FileNames.render(type, window, now);
        return new RunPlan(runId(createdAt), createdAt, type, query, window, size, batches,
                outputs(type, window, batches, fileName, now), request.fetchSize().orElse(type.fetchSize()),
                request.threads().orElse(type.threads()), outputDir, outputDirNamedBy, fileName, request.fresh(), request.replace());
    }

    private static List<OutputFile> outputs(DumpType type, Window window, List<Batch> batches, String fileName,
            LocalDateTime now) {
        if (!type.filePerBatch() || window == null) {
            return List.of(new OutputFile(fileName, window, batches));
        }
        return batches.stream()
                .map(b -> new OutputFile(FileNames.render(type, b.window(), now), b.window(), List.of(b)))
                .toList();
    }

    /**
     * For a since-last-run window: the time the last run from the last recorded end was planned
     * at, when it published its file but its report entry failed. Planned at that time again,
     * the run has that run's window and file names, so it finishes that run (its staged batches,
     * its published file, the missing entry) instead of exporting a second file over the same
     * rows.
     */
    private Optional<ZonedDateTime> unrecordedRun(DumpType type, RunRequest request, Path outputDir) {
        if (request.start().isPresent() || request.end().isPresent() || type.dateRange() == DateRange.PROHIBITED
                || !(type.window() instanceof DefaultWindow.SinceLastRun)) {
            return Optional.empty();
        }
        return history.lastEnd(type.name(), outputDir)
                .flatMap(start -> history.unrecorded(type.name(), outputDir, start))
                .map(OffsetDateTime::toZonedDateTime);
    }

    /** Sortable, and unique enough to tell runs apart in logs and manifests. */
    private static String runId(ZonedDateTime createdAt) {
        return RUN_ID_TIME.format(createdAt) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    private Window window(DumpType type, RunRequest request, ZonedDateTime createdAt, Path outputDir) {
        String name = type.name();
        LocalDateTime now = createdAt.toLocalDateTime();
        if (request.start().isPresent() || request.end().isPresent()) {
            if (type.dateRange() == DateRange.PROHIBITED) {
                throw DumperException.usage("type " + name + " takes no date range (date-range=prohibited); run it without dates");
            }
            if (request.start().isEmpty() || request.end().isEmpty()) {
                throw DumperException.usage("give both a start and an end, e.g. --dump " + name + " 2024-01-01 2024-01-07");
            }
            LocalDateTime start = DateArgs.start(request.start().get());
            LocalDateTime end = DateArgs.end(request.end().get());
            if (!start.isBefore(end)) {
                throw DumperException.usage("the start " + request.start().get() + " is not before the end "
                        + request.end().get() + "; swap them or widen the range");
            }
            return new Window(start, end);
        }
        if (type.dateRange() == DateRange.REQUIRED) {
            throw DumperException.usage("type " + name + " needs a date range, e.g. --dump " + name + " 2024-01-01 2024-01-07");
        }
        if (type.dateRange() == DateRange.PROHIBITED) {
            return null;
        }
        DefaultWindow defaultWindow = type.window();
        LocalDateTime start;
        if (defaultWindow instanceof DefaultWindow.Today) {
            start = now.toLocalDate().atStartOfDay();
        } else if (defaultWindow instanceof DefaultWindow.Back back) {
            start = back.startBefore(createdAt);
        } else if (defaultWindow instanceof DefaultWindow.SinceLastRun) {
            start = history.lastEnd(name, outputDir).orElseThrow(() -> DumperException.usage("no earlier run of type " + name
                    + " is recorded, so since-last-run has no start; give the first window, e.g. --dump " + name
                    + " --start 2024-01-01 --end \"" + now.toLocalDate() + " 00:00\""));
            if (!start.isBefore(now)) {
                throw DumperException.usage("nothing new for type " + name + ": the last run ended at " + start);
            }
        } else {
            throw DumperException.usage("type " + name + " has no default window; give dates, e.g. --dump " + name
                    + " 2024-01-01 2024-01-07, or set dumper.dumps." + name + ".window");
        }
        if (!start.isBefore(now)) {
            throw DumperException.usage("the window of type " + name + " is empty at " + now + "; give dates");
        }
        return new Window(start, now);
    }
}
