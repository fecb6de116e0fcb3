package dumper.plan;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * What the planner needs to know of earlier runs: where the last published window of a type
 * ended, for {@code window=since-last-run}, and whether a run from there published its file
 * without recording it. Kept by the publishing side, which records them.
 */
public interface PreviousRuns {

    Optional<LocalDateTime> lastEnd(String type, Path outputDir);

    /**
     * When the run of {@code type} whose window began at {@code start} (where the last recorded
     * window ended) was planned, if it published a file but its report entry is missing. Planned
     * again at that time, the run has the same window and files, and finishes by recording them.
     * None by default: where the manifests are the record, a published file is recorded.
     */
    default Optional<OffsetDateTime> unrecorded(String type, Path outputDir, LocalDateTime start) {
        return Optional.empty();
    }
}
