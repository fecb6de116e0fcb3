package dumper.plan;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * What the planner needs to know of earlier runs: where the last published window of a type
 * ended, for {@code window=since-last-run}. Kept by the publishing side, which records them.
 */
public interface PreviousRuns {

    Optional<LocalDateTime> lastEnd(String type, Path outputDir);
}
