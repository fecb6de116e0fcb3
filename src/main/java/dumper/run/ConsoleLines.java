package dumper.run;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;

import io.quarkus.logging.LoggingFilter;

/**
 * How log lines look on a text console ({@code quarkus.log.console.filter=console-lines}).
 * <ul>
 * <li>The run id column: the format's {@code %X{runColumn}} is the run id and a space, or
 * nothing on lines about no run (the pattern has no conditional of its own), so those lines
 * show no empty column.</li>
 * <li>While a run shows a {@link StatusLine} on a terminal, lines are printed above it rather
 * than by the console handler over it.</li>
 * </ul>
 * JSON console logs carry the run id as {@code runId} and are left alone.
 */
@LoggingFilter(name = "console-lines")
public final class ConsoleLines implements Filter {

    static final String RUN_COLUMN = "runColumn";

    private final boolean json;
    private final PatternFormatter format;

    public ConsoleLines(@ConfigProperty(name = "quarkus.log.console.format") String format,
            @ConfigProperty(name = "quarkus.log.console.json.enabled", defaultValue = "false") boolean json) {
        this.json = json;
        this.format = new PatternFormatter(format);
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (json || !(record instanceof ExtLogRecord line)) {
            return true;
        }
        String runId = line.getMdc("runId");
        line.putMdc(RUN_COLUMN, runId == null || runId.isEmpty() ? "" : runId + " ");
        StatusLine status = StatusLine.active();
        if (status == null) {
            return true;
        }
        status.printAbove(format.format(line));
        return false;
    }
}
