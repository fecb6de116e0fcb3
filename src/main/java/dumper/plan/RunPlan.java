package dumper.plan;

import java.nio.file.Path;
import java.util.List;

import dumper.config.DumpType;
import dumper.export.QueryTemplate;

/** Everything a run needs, resolved and checked before any file is opened. */
public record RunPlan(
        DumpType type,
        QueryTemplate query,
        Window window,
        BatchSize batchSize,
        List<Batch> batches,
        int fetchSize,
        Path outputDir,
        String fileName) {
}
