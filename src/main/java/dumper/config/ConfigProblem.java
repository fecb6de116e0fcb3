package dumper.config;

import dumper.core.DumperException;
import dumper.core.ExitCode;

/** A configuration value that cannot be used; the message names the key and the fix. */
public class ConfigProblem extends DumperException {
    public ConfigProblem(String message) {
        super(ExitCode.CONFIG, message);
    }
}
