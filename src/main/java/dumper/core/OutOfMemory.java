package dumper.core;

/**
 * An {@link OutOfMemoryError} ends the process, with one line and exit code 1. After one, the
 * heap holds whatever the failed allocation left (buffers of every thread in flight), and every
 * later run of a service failed with "compression failed: OutOfMemoryError" while its readiness
 * stayed UP, so nothing restarted it. Ended, it is restarted clean by its orchestrator (or the
 * next cron fire), and the line says what to change.
 */
public final class OutOfMemory {

    private OutOfMemory() {
    }

    /** Prints one line about {@code e} and ends the process at once; never returns. */
    public static Error halt(OutOfMemoryError e) {
        long heapMegabytes = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        System.err.println("dumper: out of memory (" + e.getMessage() + ", heap " + heapMegabytes + " MB); the process ends "
                + "so that it starts again clean: raise the heap (-Xmx in DUMPER_JAVA_OPTS), or lower threads, "
                + "dumper.serve.parallel-runs or dumper.block-size");
        System.err.flush();
        Runtime.getRuntime().halt(ExitCode.INTERNAL.code);
        return e;
    }

    /** {@code e} itself or its first cause that is an {@link OutOfMemoryError}, else null. */
    public static OutOfMemoryError in(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }
}
