package dumper.cli;

import java.io.PrintWriter;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import dumper.core.DumperException;
import dumper.core.ExitCode;

/** Turns every failure into one line on stderr and its documented exit code. */
@ApplicationScoped
class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private static final Logger LOG = Logger.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof DumperException known) {
            if (known.getCause() != null) {
                LOG.debug(known.getMessage(), known.getCause());
            }
            err.println("dumper: " + known.getMessage());
            err.flush();
            return known.exitCode.code;
        }
        LOG.error("unexpected failure", e);
        err.println("dumper: internal error: " + e + "; please report it with the log above");
        err.flush();
        return ExitCode.INTERNAL.code;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("dumper: " + e.getMessage() + "; see dumper --help");
        err.flush();
        return ExitCode.USAGE.code;
    }
}
