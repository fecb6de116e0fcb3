package dumper.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A long history: 10,000 runs kept in {@code .dumper/runs/} are read once, and the overview and
 * the run list (paged, 50 a page) still render quickly. The times are printed for the report;
 * the bound asserted is loose, since this machine is shared.
 */
class PageScaleIT {

    private static final int RUNS = 10_000;

    @Test
    void ten_thousand_runs_in_the_history_still_render_quickly() throws Exception {
        Path out = ItSupport.newOutputDir("page-scale");
        Path history = Files.createDirectories(out.resolve(".dumper/runs"));
        OffsetDateTime first = OffsetDateTime.parse("2025-01-01T00:00:00Z");
        String[] outcomes = {"SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "CANCELLED"};
        for (int i = 0; i < RUNS; i++) {
            String id = String.format("scale-%05d", i);
            OffsetDateTime queued = first.plusMinutes(10L * i);
            String outcome = outcomes[i % outcomes.length];
            Files.writeString(history.resolve(id + ".json"), """
                    {"id":"%s","type":"%s","trigger":"schedule","status":"%s","windowStart":"2024-01-01T00:00:00",
                    "windowEnd":"2024-01-02T00:00:00","batchesDone":1,"batchesTotal":1,"rows":%d,"textBytes":%d,
                    "queuedAt":"%s","startedAt":"%s","finishedAt":"%s","files":[],"batches":[],"error":%s,"exitCode":%s}
                    """.formatted(id, i % 2 == 0 ? "zm" : "mcct", outcome, 1000 + i, 50_000 + i, queued, queued,
                    queued.plusSeconds(5 + i % 60), outcome.equals("FAILED") ? "\"cannot connect\"" : "null",
                    outcome.equals("SUCCEEDED") ? "null" : "4"));
        }
        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"), Map.of("dumper.output-dir",
                out.toString(), "dumper.publish-dir", Files.createDirectories(out.resolve("published")).toString(),
                "dumper.serve.run-history", String.valueOf(RUNS)))) {
            int port = service.port();
            long loading = millis(() -> given().port(port).get("/runs").then().statusCode(200));
            long[] overview = new long[5];
            long[] page = new long[5];
            for (int i = 0; i < overview.length; i++) {
                overview[i] = millis(() -> given().port(port).get("/").then().statusCode(200));
                page[i] = millis(() -> given().port(port).get("/runs?page=150").then().statusCode(200));
            }
            Arrays.sort(overview);
            Arrays.sort(page);
            System.out.printf("PageScaleIT: %,d runs: first request (reads the history) %d ms; overview median %d ms, "
                    + "run list page 150 median %d ms%n", RUNS, loading, overview[2], page[2]);

            String list = given().port(port).get("/runs?page=150").then().statusCode(200).extract().asString();
            assertThat(list).contains("page 150 of 200", "scale-02549", "scale-02500").doesNotContain("scale-02499");
            String top = given().port(port).get("/").then().statusCode(200).extract().asString();
            assertThat(top).contains("/runs/scale-09999");
            assertThat(overview[2]).as("overview median, ms").isLessThan(3000);
            assertThat(page[2]).as("run list median, ms").isLessThan(3000);
        }
    }

    private static long millis(Runnable request) {
        long began = System.nanoTime();
        request.run();
        return (System.nanoTime() - began) / 1_000_000;
    }
}
