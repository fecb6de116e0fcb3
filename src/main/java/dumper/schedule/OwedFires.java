package dumper.schedule;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * The fires of a type's cron expressions that are owed: after the last fire whose run
 * succeeded, up to a given time. Found without listing them all, however many there are: an
 * every-second schedule owes 86,400 fires after a day down.
 */
final class OwedFires {

    /** {@code missed-fires=each} runs at most this many owed fires; above it, it runs none and says so. */
    static final int EACH_LIMIT = 10_000;
    /**
     * Fires counted one by one for messages; beyond, "more than". cron-utils takes 10-75 µs a
     * fire on these machines, so this many take seconds (once, for a refusal or a skip).
     */
    static final int COUNT_LIMIT = 100_000;

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final List<ExecutionTime> crons;

    OwedFires(List<String> cronExpressions) {
        this.crons = cronExpressions.stream().map(c -> ExecutionTime.forCron(CRON.parse(c))).toList();
    }

    /** The first {@code max} fire times after {@code since} up to {@code upTo}, over all expressions, in order. */
    List<ZonedDateTime> first(ZonedDateTime since, ZonedDateTime upTo, int max) {
        List<ZonedDateTime> fires = new ArrayList<>();
        for (ExecutionTime times : crons) {
            int added = 0;
            Optional<ZonedDateTime> next = times.nextExecution(since);
            while (next.isPresent() && !next.get().isAfter(upTo) && added < max) {
                fires.add(next.get());
                added++;
                next = times.nextExecution(next.get());
            }
        }
        // Each expression gave its first max; together they are in order after sorting, and the
        // first max of them are the first max overall.
        return fires.stream().distinct().sorted(Comparator.naturalOrder()).limit(max).toList();
    }

    /** The latest fire time after {@code since} up to {@code upTo}, if any: what {@code once} runs. */
    Optional<ZonedDateTime> latest(ZonedDateTime since, ZonedDateTime upTo) {
        // Fires fall on whole seconds: the last one before the next second is the last one up to upTo.
        ZonedDateTime after = upTo.withNano(0).plusSeconds(1);
        return crons.stream()
                .map(times -> times.lastExecution(after))
                .flatMap(Optional::stream)
                .filter(fire -> fire.isAfter(since) && !fire.isAfter(upTo))
                .max(Comparator.naturalOrder());
    }

    /**
     * How many fires fall after {@code since} up to {@code upTo}, counted (one by one, nothing
     * kept) up to {@code limit} + 1 per expression.
     */
    long count(ZonedDateTime since, ZonedDateTime upTo, int limit) {
        long count = 0;
        for (ExecutionTime times : crons) {
            long counted = 0;
            Optional<ZonedDateTime> next = times.nextExecution(since);
            while (next.isPresent() && !next.get().isAfter(upTo) && counted <= limit) {
                counted++;
                next = times.nextExecution(next.get());
            }
            count += counted;
        }
        return count;
    }

    /** {@code count} in words, "more than N" past the count's limit. */
    static String describe(long count, int limit) {
        return count > limit ? String.format("more than %,d", limit) : String.format("%,d", count);
    }
}
