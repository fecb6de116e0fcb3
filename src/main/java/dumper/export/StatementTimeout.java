package dumper.export;

import java.sql.SQLException;
import java.util.Set;

import dumper.config.DumpType;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.plan.Batch;

/**
 * A batch's query ran longer than {@code dumper.guard.statement-time-limit} and the server
 * ended it (MariaDB 1969, MySQL 3024): the batch is read again in two halves, and only a window
 * too short to split fails the run, with this message.
 */
final class StatementTimeout extends DumperException {

    static final Set<Integer> CODES = Set.of(1969, 3024);

    StatementTimeout(DumpType type, Batch batch, SQLException e) {
        super(ExitCode.DATABASE, "batch " + batch.number() + " of type " + type.name() + " ran longer than "
                + "dumper.guard.statement-time-limit even in windows of dumper.guard.split-floor; raise either, or make the "
                + "query faster (an index on the window's column)", e);
    }
}
