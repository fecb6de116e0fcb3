package dumper.it;

import static dumper.it.ItSupport.query;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * A run of a default window (here the last 30 days) ends its window when it is planned, so no
 * later request plans the same window: once cancelled, its staging area is removed instead of
 * staying on disk for ever.
 */
@Tag("faults")
class UnresumableStagingIT {

    @Test
    void a_cancelled_api_run_of_a_default_window_leaves_no_staging_area() throws Exception {
        Path out = ItSupport.newOutputDir("unresumable");
        Map<String, String> config = new HashMap<>(TestDatabase.type("nowzm",
                "SELECT SLEEP(62) AS pause, :start AS from_time, :end AS to_time", "optional"));
        config.put("dumper.dumps.nowzm.window", "P30D");
        config.put("dumper.output-dir", out.toString());
        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"), config)) {
            String id = given().port(service.port()).contentType(ContentType.JSON).body("{\"type\":\"nowzm\"}").post("/api/runs")
                    .then().statusCode(202).extract().jsonPath().getString("id");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
            while (query("SELECT id FROM information_schema.PROCESSLIST WHERE db = DATABASE() AND info LIKE '%SLEEP(62)%' "
                    + "AND info NOT LIKE 'EXPLAIN%' AND id <> CONNECTION_ID()").isEmpty()) {
                assertThat(System.nanoTime()).as("the run's query reached the server").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(staged(out)).as("the running run's staging area").isNotEmpty();

            given().port(service.port()).delete("/api/runs/" + id).then().statusCode(202);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
            while (!staged(out).isEmpty()) {
                assertThat(System.nanoTime()).as("staging areas left: " + staged(out)).isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(given().port(service.port()).get("/api/runs/" + id).then().extract().jsonPath().getString("status"))
                    .isEqualTo("CANCELLED");
        } finally {
            System.out.println(Files.readString(out.resolve("serve.log")));
        }
    }

    /** The staging areas of nowzm runs in {@code out}. */
    private static List<Path> staged(Path out) throws IOException {
        Path root = out.resolve(".dumper");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var entries = Files.list(root)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("nowzm") && Files.isDirectory(p)).toList();
        }
    }
}
