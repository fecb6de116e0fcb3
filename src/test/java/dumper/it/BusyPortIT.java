package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code serve} on a port another process holds: one line naming the port and the setting, exit code 6. */
class BusyPortIT {

    @Test
    void serve_on_a_port_in_use_says_which_port_and_which_setting_in_one_line() throws Exception {
        Path out = ItSupport.newOutputDir("busy-port");
        Path log = out.resolve("serve.log");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            int exit = PackagedApp.run(log, Map.of("quarkus.http.port", String.valueOf(port), "quarkus.http.host", "127.0.0.1",
                    "dumper.output-dir", out.toString()), "serve");

            List<String> lines = Files.readAllLines(log);
            assertThat(exit).as(String.join("\n", lines)).isEqualTo(6);
            assertThat(lines.stream().filter(l -> l.startsWith("dumper: "))).singleElement().asString()
                    .contains("port " + port + " is already in use", "quarkus.http.port");
            assertThat(String.join("\n", lines)).doesNotContain("kill -9", "internal error", "Exception");
        }
    }
}
