package dumper.plan;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Optional;
import dumper.config.BatchSize;

/**
 * What was asked for, as typed: by the command line now, by the scheduler or API later.
 * {@link RunPlanner} turns it into a {@link RunPlan}. {@code fresh} discards earlier progress;
 * {@code replace} allows replacing a published file whose content changed (and its report entry);
 * {@code at} is the moment windows without dates are computed from (a schedule's fire time),
 * now when empty.
 */
public record RunRequest(
        String type,
        Optional<String> start,
        Optional<String> end,
        Optional<BatchSize> batch,
        Optional<Integer> fetchSize,
        Optional<Integer> threads,
        Optional<Path> outputDir,
        boolean fresh,
        boolean replace,
        Optional<ZonedDateTime> at) {

    /**
     * A run of {@code type} with its default window as of {@code at}: what a schedule fires;
     * {@code replace} is the type's own setting, as nobody is there to pass {@code --replace}.
     */
    public static RunRequest scheduled(String type, ZonedDateTime at, boolean replace) {
        return new RunRequest(type, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, replace, Optional.of(at));
    }
}
