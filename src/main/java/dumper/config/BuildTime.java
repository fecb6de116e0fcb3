package dumper.config;

import io.quarkus.runtime.ExecutionMode;

/**
 * Whether Quarkus is building the application rather than running it. The build reads the
 * application's config sources too, and records every value they give as a default in the jar
 * (and the native binary); sources that describe the machine the application runs on (the
 * operator's file, the environment) must give nothing then, or the build machine's settings
 * ship inside the build and can no longer be removed at run time.
 */
final class BuildTime {

    private BuildTime() {
    }

    /** No application has started in this JVM: the execution mode is set first thing when one does. */
    static boolean isNow() {
        return ExecutionMode.current() == ExecutionMode.UNSET;
    }
}
