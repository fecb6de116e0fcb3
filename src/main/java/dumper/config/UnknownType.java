package dumper.config;

import dumper.core.DumperException;
import dumper.core.ExitCode;

/** A type name that is not configured: a usage error on the command line, 404 in the API. */
public class UnknownType extends DumperException {
    public UnknownType(String message) {
        super(ExitCode.USAGE, message);
    }
}
