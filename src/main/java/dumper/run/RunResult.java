package dumper.run;

import java.time.Duration;
import java.util.List;

import dumper.publish.PublishedFile;

/** What a finished run produced. */
public record RunResult(String runId, List<PublishedFile> files, int batches, int resumedBatches, long rows,
        long textBytes, long fileBytes, Duration elapsed) {
}
