package dumper.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/**
 * Right after {@code serve} starts, before any run, every configured type has its series, so an
 * alert on "no success for 25 hours" works after a restart: counters at 0, and the last success
 * taken from the newest manifest on disk.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class StartupMetricsIT {

    @Test
    void every_type_has_its_series_from_the_start_with_the_last_success_on_disk() throws Exception {
        Path out = ItSupport.newOutputDir("metrics");
        Path published = ItSupport.newOutputDir("metrics-published");
        Map<String, String> dirs = Map.of("dumper.output-dir", out.toString(), "dumper.publish-dir", published.toString());
        Process earlier = PackagedApp.start(out.resolve("earlier.log"), dirs, "--dump", "zm", "2024-01-01", "2024-01-07");
        assertThat(earlier.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(earlier.exitValue()).as(Files.readString(out.resolve("earlier.log"))).isZero();
        long finished = OffsetDateTime.parse(new ObjectMapper().readTree(
                published.resolve("zm_2024-01-01_2024-01-07.csv.gz.manifest.json").toFile()).get("finishedAt").asText())
                .toEpochSecond();

        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"), dirs)) {
            String metrics = given().port(service.port()).get("/q/metrics").then().statusCode(200).extract().asString();
            for (String type : new String[] {"zm", "mcct", "bcu", "vaud", "alltypes"}) {
                assertThat(metrics).contains(
                        "dumper_runs_total{outcome=\"succeeded\",type=\"" + type + "\"} 0.0",
                        "dumper_runs_total{outcome=\"failed\",type=\"" + type + "\"} 0.0",
                        "dumper_rows_total{type=\"" + type + "\"} 0.0",
                        "dumper_bytes_total{type=\"" + type + "\"} 0.0",
                        "dumper_run_duration_seconds_count{type=\"" + type + "\"} 0");
            }
            assertThat(metrics).contains("dumper_last_success_seconds{type=\"mcct\"} 0.0",
                    "dumper_last_failure_seconds{type=\"zm\"} 0.0",
                    "dumper_batch_retries_total{type=\"zm\"} 0.0",
                    "dumper_schedule_skipped_fires_total{type=\"zm\"} 0.0",
                    "dumper_run_elapsed_seconds{type=\"zm\"} 0.0",
                    "dumper_staging_bytes ");
            // Every dumper series says what it counts: Prometheus's HELP line, not empty.
            List<String> help = metrics.lines().filter(l -> l.startsWith("# HELP dumper_")).toList();
            assertThat(help).hasSizeGreaterThanOrEqualTo(10)
                    .allSatisfy(line -> assertThat(line.split(" ", 4)).hasSize(4).satisfies(parts -> assertThat(parts[3]).hasSizeGreaterThan(10)));
            assertThat(lastSuccess(metrics, "zm")).isEqualTo(finished);
        }
    }

    private static long lastSuccess(String metrics, String type) {
        String prefix = "dumper_last_success_seconds{type=\"" + type + "\"} ";
        return metrics.lines().filter(l -> l.startsWith(prefix)).map(l -> (long) Double.parseDouble(l.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix));
    }
}
