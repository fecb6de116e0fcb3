package dumper.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * A service that runs out of memory ends, with one line and exit code 1, so that its
 * orchestrator restarts it clean, instead of staying up (and ready) with every later run failing.
 * The launcher's 40 MB heap cannot hold one 64 MB block.
 */
@Tag("faults")
class OutOfMemoryIT {

    @Test
    void an_out_of_memory_error_ends_the_service_with_one_line() throws Exception {
        Path out = ItSupport.newOutputDir("oom");
        Path log = out.resolve("serve.log");
        PackagedApp.Service service = PackagedApp.serve(log, Map.of("dumper.output-dir", out.toString(),
                "dumper.block-size", "67108864"));
        try {
            given().port(service.port()).contentType(ContentType.JSON)
                    .body("{\"type\":\"zm\",\"start\":\"2024-01-01\",\"end\":\"2024-01-07\"}").post("/api/runs")
                    .then().statusCode(202);

            assertThat(service.process().waitFor(60, TimeUnit.SECONDS)).as("the service ended").isTrue();
            List<String> lines = Files.readAllLines(log);
            assertThat(service.process().exitValue()).as(String.join("\n", lines)).isEqualTo(1);
            assertThat(lines.stream().filter(l -> l.startsWith("dumper: "))).singleElement().asString()
                    .startsWith("dumper: out of memory").contains("-Xmx");
        } finally {
            PackagedApp.kill9(service.process());
            System.out.println(Files.readString(log));
        }
    }
}
