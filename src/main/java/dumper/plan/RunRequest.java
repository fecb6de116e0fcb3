package dumper.plan;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Optional;
import dumper.config.BatchSize;

/**
 * What was asked for, as typed: by the command line, the API, the scheduler or a worker.
 * {@link RunPlanner} turns it into a {@link RunPlan}. {@code fresh} discards earlier progress;
 * {@code replace} allows replacing a published file whose content changed (and its report entry);
 * {@code at} is the moment windows without dates are computed from (a schedule's fire time),
 * now when empty. Made with {@link #forType}: what is not set is the type's own setting.
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

    /** A request for a run of {@code type}, to which the options given are added. */
    public static Builder forType(String type) {
        return new Builder(type);
    }

    /**
     * A run of {@code type} with its default window as of {@code at}: what a schedule fires;
     * {@code replace} is the type's own setting, as nobody is there to pass {@code --replace}.
     */
    public static RunRequest scheduled(String type, ZonedDateTime at, boolean replace) {
        return forType(type).at(at).replace(replace).build();
    }

    /**
     * True when a default window would end at the moment of planning ("now"): no dates and no
     * fire time were given. Planned again later, such a window ends elsewhere, so the run can
     * never be resumed.
     */
    public boolean windowFromClock() {
        return start.isEmpty() && end.isEmpty() && at.isEmpty();
    }

    /** The options of a request; each setter takes null for "not given". */
    public static final class Builder {

        private final String type;
        private String start;
        private String end;
        private BatchSize batch;
        private Integer fetchSize;
        private Integer threads;
        private Path outputDir;
        private boolean fresh;
        private boolean replace;
        private ZonedDateTime at;

        private Builder(String type) {
            this.type = type;
        }

        /** The window's first day or moment, as typed. */
        public Builder start(String start) {
            this.start = start;
            return this;
        }

        /** The window's end, as typed. */
        public Builder end(String end) {
            this.end = end;
            return this;
        }

        public Builder batch(BatchSize batch) {
            this.batch = batch;
            return this;
        }

        public Builder fetchSize(Integer fetchSize) {
            this.fetchSize = fetchSize;
            return this;
        }

        public Builder threads(Integer threads) {
            this.threads = threads;
            return this;
        }

        public Builder outputDir(Path outputDir) {
            this.outputDir = outputDir;
            return this;
        }

        public Builder fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        public Builder replace(boolean replace) {
            this.replace = replace;
            return this;
        }

        public Builder at(ZonedDateTime at) {
            this.at = at;
            return this;
        }

        public RunRequest build() {
            return new RunRequest(type, Optional.ofNullable(start), Optional.ofNullable(end), Optional.ofNullable(batch),
                    Optional.ofNullable(fetchSize), Optional.ofNullable(threads), Optional.ofNullable(outputDir), fresh,
                    replace, Optional.ofNullable(at));
        }
    }
}
