package dumper.config;

import dumper.run.DumperException;
import dumper.run.ExitCode;

/** A type name that is not configured: a usage error on the command line, 404 in the API. */
public class UnknownType extends DumperException {
    public UnknownType(String message) {
        super(ExitCode.USAGE, message);
    }
}
