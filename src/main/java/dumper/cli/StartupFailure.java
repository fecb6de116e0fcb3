package dumper.cli;

import org.jboss.logging.Logger;

import dumper.core.ExitCode;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.PreventFurtherStepsException;
import io.quarkus.runtime.QuarkusBindException;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValidationException;

/**
 * How the process ends: with the command's exit code, or, when Quarkus itself failed to start
 * (before any command ran), with one line for what a person can fix. A port in use is the one
 * such failure an operator meets, so it gets a {@code dumper:} line naming the port and the
 * setting, and exit code 6 (busy), instead of Quarkus's lines with their {@code kill -9} advice.
 * A setting that does not convert (a word where a number or a duration belongs) gets one line
 * and exit code 3 (config). Other start-up failures are reported as Quarkus reports them.
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
        ConfigValidationException invalid = cause(failure, ConfigValidationException.class);
        if (invalid != null) {
            StringBuilder line = new StringBuilder("dumper: bad setting: ");
            for (int i = 0; i < invalid.getProblemCount(); i++) {
                line.append(i == 0 ? "" : "; ").append(plain(invalid.getProblem(i).getMessage()));
            }
            System.err.println(line + "; fix it in application.properties, the -D option or the environment");
            System.err.flush();
            return ExitCode.CONFIG.code;
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

    /**
     * SmallRye's problem as an operator reads it: without its codes ({@code SRCFG00039: }), the
     * exception's class, or "threw an Exception whilst being converted".
     */
    static String plain(String problem) {
        return problem.replaceAll("SRCFG\\d+: ", "").replaceFirst("^[\\w.$]+Exception: ", "")
                .replace(" threw an Exception whilst being converted ", ": ");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        return cause(failure, kind) != null;
    }

    /** The first of {@code failure}'s causes (itself included) of {@code kind}, or null. */
    private static <T extends Throwable> T cause(Throwable failure, Class<T> kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return kind.cast(t);
            }
        }
        return null;
    }
}
