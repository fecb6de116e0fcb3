package dumper.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * Runs and threads beyond what the heap carries wait for memory instead of running out of it;
 * and a service that runs out of memory all the same ends, with one line and exit code 1, so
 * that its orchestrator restarts it clean, instead of staying up (and ready) with every later run
 * failing. The launcher's 40 MB heap cannot hold one 64 MB block.
 */
@Tag("faults")
class OutOfMemoryIT {

    @Test
    void two_runs_at_sixteen_threads_on_the_launchers_heap_wait_for_memory_instead_of_running_out() throws Exception {
        // Before, the 32 batches at once ran the service out of memory (exit 1).
        Path out = ItSupport.newOutputDir("heap");
        Path log = out.resolve("serve.log");
        Map<String, String> config = new HashMap<>(Map.of("dumper.output-dir", out.toString(), "dumper.report.enabled", "false",
                "dumper.serve.parallel-runs", "2"));
        List<String> types = List.of("zm", "zmtsv");
        types.forEach(type -> config.put("dumper.dumps." + type + ".threads", "16"));
        try (PackagedApp.Service service = PackagedApp.serve(log, config)) {
            List<String> ids = types.stream().map(type -> given().port(service.port()).contentType(ContentType.JSON)
                    .body("{\"type\":\"" + type + "\",\"start\":\"2024-01-01\",\"end\":\"2024-06-30\"}").post("/api/runs")
                    .then().statusCode(202).extract().jsonPath().getString("id")).toList();
            for (String id : ids) {
                // Before, the service died here (exit 1): the poll fails to connect.
                assertThat(RunHistoryIT.awaitEnd(service.port(), id).getString("status")).as(Files.readString(log))
                        .isEqualTo("SUCCEEDED");
            }
            assertThat(service.process().isAlive()).isTrue();
        }
        assertThat(Files.readString(log)).contains("zm: the ", " MB heap carries ", " of its 16 threads' batches at once");
        assertThat(ItSupport.visibleFiles(out).stream().map(p -> p.getFileName().toString()))
                .contains("zm_2024-01-01_2024-06-30.csv.gz", "zmtsv_2024-01-01_2024-06-30.tsv.gz");
    }

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

            assertThat(service.process().waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the service ended").isTrue();
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
