package dumper;

import dumper.cli.StartupFailure;
import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Decides, before Quarkus starts, whether this process serves HTTP: only {@code serve} and
 * {@code worker} do, so one-shot runs open no port and can run side by side. Setting
 * {@code dumper.mode=serve} (or {@code DUMPER_MODE=serve}) starts the service without arguments,
 * as a container entry point or an integration test does. A failure to start (a port in use)
 * ends as {@link StartupFailure} says.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        String mode = System.getProperty("dumper.mode", System.getenv().getOrDefault("DUMPER_MODE", ""));
        String[] effective = args.length == 0 && !mode.isBlank() ? new String[] {mode} : args;
        boolean serving = effective.length > 0 && (effective[0].equals("serve") || effective[0].equals("worker"));
        if (!serving) {
            System.setProperty("quarkus.http.host-enabled", "false");
        } else if (System.getProperty("quarkus.http.host-enabled") == null) {
            System.setProperty("quarkus.http.host-enabled", "true");
        }
        Quarkus.run(PicocliRunner.class, StartupFailure::exit, effective);
    }
}
