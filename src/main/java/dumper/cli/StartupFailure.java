package dumper.cli;

import org.jboss.logging.Logger;

import dumper.core.ExitCode;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.PreventFurtherStepsException;
import io.quarkus.runtime.QuarkusBindException;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * How the process ends: with the command's exit code, or, when Quarkus itself failed to start
 * (before any command ran), with one line for what a person can fix. A port in use is the one
 * such failure an operator meets, so it gets a {@code dumper:} line naming the port and the
 * setting, and exit code 6 (busy), instead of Quarkus's lines with their {@code kill -9} advice.
 * Other start-up failures are reported as Quarkus reports them.
 */
public final class StartupFailure {

    private StartupFailure() {
    }

    /** Quarkus's exit handler: called once, with the exit code and, when start-up failed, its cause. */
    public static void exit(Integer code, Throwable failure) {
        System.exit(failure == null ? code : report(failure, code));
    }

    static int report(Throwable failure, int code) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof QuarkusBindException bind) {
            System.err.println("dumper: port " + bind.getPort() + " is already in use by another process (quarkus.http.port); "
                    + "stop what listens there, or start with another port: -Dquarkus.http.port=<port> or QUARKUS_HTTP_PORT");
            System.err.flush();
            return ExitCode.BUSY.code;
        }
        if (root instanceof PreventFurtherStepsException && root.getMessage() != null && !root.getMessage().isBlank()) {
            System.err.println(root.getMessage());
        } else if (causedBy(failure, ConfigurationException.class)) {
            System.err.println(root.getMessage());
            failure.printStackTrace();
        } else {
            Logger.getLogger(Application.class).error("Failed to start application", failure);
        }
        return code;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
