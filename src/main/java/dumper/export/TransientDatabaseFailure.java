package dumper.export;

import dumper.run.DumperException;
import dumper.run.ExitCode;

/** A failure that a new connection and another attempt may cure: a lost connection, a killed query. */
public class TransientDatabaseFailure extends DumperException {
    public TransientDatabaseFailure(String message, Throwable cause) {
        super(ExitCode.DATABASE, message, cause);
    }
}
