package dumper.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What a finished run produced. */
public record RunResult(List<Path> files, int batches, int resumedBatches, long rows, long textBytes,
        long fileBytes, Duration elapsed) {
}
