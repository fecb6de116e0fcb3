package dumper.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

import dumper.config.DumpTypes;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.guard.SourceGuard;
import dumper.queue.BatchWorker;

/** {@code dumper worker}: exports batches of distributed runs from RabbitMQ until SIGTERM. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Takes batches of distributed runs from RabbitMQ and exports them into the shared output directory.")
class WorkerCommand implements Callable<Integer> {

    private final DumpTypes types;
    private final BatchWorker worker;
    private final SourceGuard guard;

    WorkerCommand(DumpTypes types, BatchWorker worker, SourceGuard guard) {
        this.types = types;
        this.worker = worker;
        this.guard = guard;
    }

    @Override
    public Integer call() {
        types.validate();
        guard.waitOutCritical();
        try {
            worker.start();
        } catch (IOException e) {
            throw new DumperException(ExitCode.DATABASE, "cannot consume from RabbitMQ: " + e.getMessage(), e);
        }
        Quarkus.waitForExit();
        return 0;
    }
}
