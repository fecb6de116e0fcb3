package dumper.cli;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import picocli.CommandLine;

/** Wires the one error handler into picocli. */
@ApplicationScoped
class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory, ErrorHandler errors) {
        return factory.create()
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }
}
