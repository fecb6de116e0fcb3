package dumper.core;

/** Process exit codes; documented in README.md and docs/operations.md, so never renumber one. */
public enum ExitCode {
    OK(0),
    INTERNAL(1),
    USAGE(2),
    CONFIG(3),
    DATABASE(4),
    OUTPUT(5),
    BUSY(6),
    /** A different file is already published under the same name, and replacing it was not asked for. */
    PUBLISHED_DIFFERS(7),
    /** A batch returned other columns (names, order, types) than the run's first batch. */
    SCHEMA_CHANGED(8),
    /** The source database stayed above a critical limit of the source guard; finished batches are kept. */
    SOURCE_CRITICAL(9),
    /** A distributed run gave up on RabbitMQ: it stayed unreachable for dumper.queue.broker-timeout. */
    BROKER(10),
    INTERRUPTED(130);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The exit code numbered {@code code}; an unknown number is {@link #INTERNAL}. */
    public static ExitCode of(int code) {
        for (ExitCode exitCode : values()) {
            if (exitCode.code == code) {
                return exitCode;
            }
        }
        return INTERNAL;
    }
}
