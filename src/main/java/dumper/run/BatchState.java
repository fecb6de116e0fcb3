package dumper.run;

import java.time.LocalDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.plan.Batch;

/**
 * One batch of a run as the run page draws it. {@code attempts} above one: it was retried after a
 * transient failure. {@code millis}: its export time (so far, while it runs).
 */
@RegisterForReflection
public record BatchState(int number, LocalDateTime start, LocalDateTime end, Phase phase, int attempts, long rows,
        long millis) {

    /** {@code batch} in {@code phase}, with no rows yet. */
    static BatchState of(Batch batch, Phase phase, int attempts) {
        return new BatchState(batch.number(), batch.window() == null ? null : batch.window().start(),
                batch.window() == null ? null : batch.window().end(), phase, attempts, 0, 0);
    }

    public enum Phase {
        PENDING, RUNNING, DONE, SKIPPED, FAILED
    }
}
