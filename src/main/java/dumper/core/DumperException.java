package dumper.core;

/**
 * A failure the user can act on. The message is one line that says what is wrong and what to
 * do; it is printed as is, without a stack trace, and the process exits with {@link #exitCode}.
 */
public class DumperException extends RuntimeException {
    public final ExitCode exitCode;

    public DumperException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public DumperException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static DumperException usage(String message) {
        return new DumperException(ExitCode.USAGE, message);
    }

    public static DumperException output(String message, Throwable cause) {
        return new DumperException(ExitCode.OUTPUT, message, cause);
    }

    /** The first line of {@code e}'s message (or of the first cause that has one), for a one-line report. */
    public static String firstLine(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage()).strip();
        int eol = message.indexOf('\n');
        return eol < 0 ? message : message.substring(0, eol).strip();
    }
}
