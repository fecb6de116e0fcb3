package dumper.export;

import dumper.core.DumperException;
import dumper.core.ExitCode;

/** A failure that a new connection and another attempt may cure: a lost connection, a killed query. */
public class TransientDatabaseFailure extends DumperException {

    private final String reason;

    /** {@code reason}: what went wrong, in a few words for the line announcing the next attempt. */
    public TransientDatabaseFailure(String message, String reason, Throwable cause) {
        super(ExitCode.DATABASE, message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
