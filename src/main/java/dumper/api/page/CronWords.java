package dumper.api.page;

import java.util.Locale;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/** A schedule's cron expression in words ("at 17:01"), by cron-utils' descriptor. */
final class CronWords {

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final CronDescriptor ENGLISH = CronDescriptor.instance(Locale.ENGLISH);

    private CronWords() {
    }

    /** {@code cron} in words, or as written when it cannot be described. */
    static String describe(String cron) {
        try {
            return ENGLISH.describe(QUARTZ.parse(cron));
        } catch (RuntimeException e) {
            return cron;
        }
    }
}
