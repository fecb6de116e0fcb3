package dumper.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;

import dumper.plan.Batch;
import dumper.plan.RunPlan;

/** Prints a plan for {@code --dry-run}: the window, the file, and every batch. */
final class PlanPrinter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private PlanPrinter() {
    }

    static void print(RunPlan plan, PrintWriter out) {
        out.printf("type      %s (query %s)%n", plan.type().name(), plan.type().queryFile());
        if (plan.window() == null) {
            out.printf("window    none (the query takes no :start/:end)%n");
        } else {
            out.printf("window    [%s, %s)%n", TIME.format(plan.window().start()), TIME.format(plan.window().end()));
        }
        out.printf("batches   %d of %s%n", plan.batches().size(), plan.batchSize());
        out.printf("file      %s%n", plan.outputDir().resolve(plan.fileName()));
        for (Batch batch : plan.batches()) {
            if (batch.window() != null) {
                out.printf("%6d    [%s, %s)%n", batch.number(), TIME.format(batch.window().start()), TIME.format(batch.window().end()));
            }
        }
        out.flush();
    }
}
