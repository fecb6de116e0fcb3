package dumper.plan;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What was asked for, as typed: by the command line now, by the scheduler or API later.
 * {@link RunPlanner} turns it into a {@link RunPlan}. {@code fresh} discards earlier progress.
 */
public record RunRequest(
        String type,
        Optional<String> start,
        Optional<String> end,
        Optional<BatchSize> batch,
        Optional<Integer> fetchSize,
        Optional<Path> outputDir,
        boolean fresh) {

    public static RunRequest of(String type, String start, String end) {
        return new RunRequest(type, Optional.ofNullable(start), Optional.ofNullable(end),
                Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
