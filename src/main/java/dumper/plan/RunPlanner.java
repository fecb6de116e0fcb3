package dumper.plan;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dumper.config.DateRange;
import dumper.config.DumpType;
import dumper.config.DumpType.DefaultWindow;
import dumper.config.DumpTypes;
import dumper.config.DumperConfig;
import dumper.export.QueryTemplate;
import dumper.output.FileNames;
import dumper.run.DumperException;

/** Turns a request into a checked plan: type, window, batches, query, file name. */
@ApplicationScoped
public class RunPlanner {

    private final DumpTypes types;
    private final DumperConfig config;

    RunPlanner(DumpTypes types, DumperConfig config) {
        this.types = types;
        this.config = config;
    }

    public RunPlan plan(RunRequest request) {
        DumpType type = types.get(request.type());
        LocalDateTime now = LocalDateTime.now(types.zone()).truncatedTo(ChronoUnit.SECONDS);
        Window window = window(type, request, now);
        BatchSize size = request.batch().orElse(type.batch());
        List<Batch> batches;
        try {
            batches = BatchPlanner.plan(window, size);
        } catch (IllegalArgumentException e) {
            throw DumperException.usage(e.getMessage());
        }
        QueryTemplate query = QueryFiles.load(type);
        Path outputDir = request.outputDir().orElse(Path.of(config.outputDir()));
        return new RunPlan(type, query, window, size, batches, request.fetchSize().orElse(type.fetchSize()),
                outputDir, FileNames.render(type, window, now));
    }

    private static Window window(DumpType type, RunRequest request, LocalDateTime now) {
        String name = type.name();
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
            start = now.minus(back.length());
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
