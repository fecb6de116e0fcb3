package dumper.run;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.runtime.StartupEvent;

/**
 * Keeps each run's own log lines with the run, for its page and its record: a handler on the
 * {@code dumper} loggers that hands every line carrying a run id (the {@code runId} the run's
 * threads put in the MDC) to that run while it goes.
 */
@ApplicationScoped
class RunLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final RunManager runs;

    RunLog(RunManager runs) {
        this.runs = runs;
    }

    void install(@Observes StartupEvent event) {
        java.util.logging.Logger.getLogger("dumper").addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext && record.getLevel().intValue() >= Level.INFO.intValue()) {
                    String runId = ext.getMdc("runId");
                    if (runId != null) {
                        runs.live(runId).ifPresent(run -> run.log(TIME.format(record.getInstant()) + " "
                                + ext.getLevel().getName() + " " + ext.getFormattedMessage()));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }
}
