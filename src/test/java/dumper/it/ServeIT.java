package dumper.it;

import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.reportEntries;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** {@code dumper serve}, packaged, over HTTP: every endpoint, every error status, schedules, health. */
@QuarkusIntegrationTest
@TestProfile(ServeProfile.class)
class ServeIT {

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + ServeProfile.TOKEN);
    }

    private static JsonPath trigger(String body) {
        return api().contentType(ContentType.JSON).body(body).post("/api/runs")
                .then().statusCode(202).header("Location", containsString("/api/runs/")).extract().jsonPath();
    }

    private static JsonPath awaitEnd(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(PackagedApp.PATIENCE_SECONDS).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath run = api().get("/api/runs/" + id).then().statusCode(200).extract().jsonPath();
            String status = run.getString("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not end");
    }

    @Test
    void types_are_listed_with_settings_and_next_fire_times() {
        api().get("/api/types").then().statusCode(200)
                .body("find { it.name == 'zm' }.dateRange", equalTo("required"))
                .body("find { it.name == 'zm' }.batch", equalTo("P7D"))
                .body("find { it.name == 'tickzm' }.schedules", hasItem("*/3 * * * * ?"))
                .body("find { it.name == 'tickzm' }.nextFires[0]", notNullValue());
        api().get("/api/types/nope").then().statusCode(404).body("error", containsString("unknown dump type 'nope'"))
                .body("error", containsString("restart the service"));
    }

    @Test
    void a_triggered_run_is_watched_to_the_end_and_its_file_downloaded() throws Exception {
        JsonPath accepted = trigger("{\"type\":\"zm\",\"start\":\"2024-05-01\",\"end\":\"2024-05-21\"}");
        String id = accepted.getString("id");
        assertThat(accepted.getString("status")).isIn("QUEUED", "RUNNING");

        JsonPath done = awaitEnd(id);
        int expected = Integer.parseInt(query("SELECT COUNT(*) FROM vaccination_event WHERE event_time >= '2024-05-01' "
                + "AND event_time < '2024-05-22'").get(0).get(0));
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getInt("batchesDone")).isEqualTo(3);
        assertThat(done.getInt("batchesTotal")).isEqualTo(3);
        assertThat(done.getLong("rows")).isEqualTo(expected);
        assertThat(done.getString("files[0].name")).isEqualTo("zm_2024-05-01_2024-05-21.csv.gz");
        assertThat(done.getMap("$")).containsKey("textBytes").doesNotContainKey("bytes");

        byte[] gz = api().get(done.getString("files[0].download")).then().statusCode(200)
                .header("Content-Disposition", containsString("zm_2024-05-01_2024-05-21.csv.gz")).extract().asByteArray();
        assertThat(done.getLong("files[0].fileBytes")).isEqualTo(gz.length);
        assertThat(done.getLong("textBytes")).isGreaterThan(gz.length);
        try (CSVParser csv = CSVParser.parse(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(gz)),
                StandardCharsets.UTF_8), ItSupport.CSV)) {
            assertThat(csv.getRecords()).hasSize(expected + 1);
        }
        assertThat(reportEntries("zm_2024-05-01_2024-05-21.csv.gz")).isEqualTo(1);

        api().get("/api/runs?type=zm&status=succeeded").then().statusCode(200).body("id", hasItem(id));
        api().get("/api/runs?type=mcct").then().statusCode(200).body("id", not(hasItem(id)));
        api().get("/api/runs/" + id + "/files/other.csv.gz").then().statusCode(404);
    }

    @Test
    void an_api_run_that_would_replace_a_published_file_fails_with_the_reason_unless_it_asks_to_replace()
            throws Exception {
        ReplaceIT.createTheChangingTable();
        ItSupport.update("INSERT INTO changing_event VALUES (101, '2024-02-02 10:00:00', 'x')");
        String window = "{\"type\":\"changingzm\",\"start\":\"2024-02-01\",\"end\":\"2024-02-07\"";
        assertThat(awaitEnd(trigger(window + "}").getString("id")).getString("status")).isEqualTo("SUCCEEDED");

        ItSupport.update("INSERT INTO changing_event VALUES (102, '2024-02-03 10:00:00', 'y')");
        JsonPath refused = awaitEnd(trigger(window + "}").getString("id"));
        assertThat(refused.getString("status")).isEqualTo("FAILED");
        assertThat(refused.getInt("exitCode")).isEqualTo(7);
        assertThat(refused.getString("error")).contains("already published with other content", "\"replace\": true");
        List<List<String>> before = query("SELECT row_count FROM dump_report WHERE file_name = ?",
                "changingzm_2024-02-01_2024-02-07.csv.gz");
        assertThat(before).containsExactly(List.of("1"));

        JsonPath replaced = awaitEnd(trigger(window + ",\"replace\":true}").getString("id"));
        assertThat(replaced.getString("status")).as(replaced.getString("error")).isEqualTo("SUCCEEDED");
        assertThat(replaced.getLong("files[0].rows")).isEqualTo(2);
        List<List<String>> entries = query("SELECT row_count, sha256, file_path FROM dump_report WHERE file_name = ?",
                "changingzm_2024-02-01_2024-02-07.csv.gz");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get(0)).isEqualTo("2");
        assertThat(entries.get(0).get(1)).isEqualTo(ItSupport.sha256(java.nio.file.Path.of(entries.get(0).get(2))))
                .isEqualTo(replaced.getString("files[0].sha256"));
    }

    @Test
    void a_scheduled_run_replaces_a_changed_file_only_when_its_type_says_so() throws Exception {
        awaitRun("snapkeep", "SUCCEEDED", run -> true);
        awaitRun("snapreplace", "SUCCEEDED", run -> true);
        ItSupport.update("INSERT INTO changing_event VALUES (301, '2024-04-02 10:00:00', 'new')");

        // Other tests cut the database off for a while: those runs fail too, with exit code 4.
        Map<String, Object> refused = awaitRun("snapkeep", "FAILED", run -> Integer.valueOf(7).equals(run.get("exitCode")));
        assertThat((String) refused.get("error")).contains("snapkeep.csv.gz is already published with other content",
                "dumper.dumps.snapkeep.replace=true");
        awaitRun("snapreplace", "SUCCEEDED", run -> ((List<?>) run.get("files")).toString().contains("rows=1"));
        assertThat(query("SELECT row_count FROM dump_report WHERE file_name = 'snapkeep.csv.gz'"))
                .containsExactly(List.of("0"));
        assertThat(query("SELECT row_count FROM dump_report WHERE file_name = 'snapreplace.csv.gz'"))
                .containsExactly(List.of("1"));
    }

    /** Waits for a run of {@code type} that ended with {@code status} and matches {@code wanted}. */
    private static Map<String, Object> awaitRun(String type, String status, java.util.function.Predicate<Map<String, Object>> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(PackagedApp.PATIENCE_SECONDS).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> runs = api().get("/api/runs?type=" + type + "&status=" + status).then().statusCode(200)
                    .extract().jsonPath().getList("$");
            Optional<Map<String, Object>> run = runs.stream().filter(wanted).findFirst();
            if (run.isPresent()) {
                return run.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + status + " run of " + type + " as wanted");
    }

    @Test
    void a_cancelled_run_stops_cleanly_and_keeps_its_finished_batches() throws Exception {
        String id = trigger("{\"type\":\"pausezm\",\"start\":\"2024-01-01\",\"end\":\"2024-01-21\"}").getString("id");
        api().contentType(ContentType.JSON).body("{\"type\":\"pausezm\",\"start\":\"2024-02-01\",\"end\":\"2024-02-07\"}")
                .post("/api/runs").then().statusCode(409).body("error", containsString("already running"));
        Thread.sleep(500);
        api().delete("/api/runs/" + id).then().statusCode(202);
        JsonPath run = awaitEnd(id);
        assertThat(run.getString("status")).isEqualTo("CANCELLED");
        // Started through the API, so the hint says how to resume through it: there is no command to run again.
        assertThat(run.getString("error")).contains("start the same run again", "POST /api/runs", "to resume")
                .doesNotContain("command");
        api().delete("/api/runs/" + id).then().statusCode(409);
        assertThat(TestDatabase.outputDir.resolve("pausezm_2024-01-01_2024-01-21.csv.gz")).doesNotExist();
    }

    @Test
    void bad_requests_get_json_errors_with_the_right_status() {
        api().contentType(ContentType.JSON).body("{not json").post("/api/runs").then().statusCode(400)
                .body("error", containsString("malformed JSON"));
        api().contentType(ContentType.JSON).body("{\"type\":[\"zm\"]}").post("/api/runs").then().statusCode(400)
                .body("error", equalTo("malformed JSON: field \"type\" has the wrong type; use a string"));
        api().contentType(ContentType.JSON).body("{\"type\":\"sincezm\",\"strat\":\"2024-01-01\"}").post("/api/runs")
                .then().statusCode(400).body("error", equalTo("unknown field \"strat\"; the fields are batch, end, fresh, replace, start, type"));
        api().body("{\"type\":\"zm\"}").post("/api/runs").then().statusCode(415)
                .body("error", equalTo("send the request body as JSON, with Content-Type: application/json"));
        api().contentType(ContentType.JSON).body("{}").post("/api/runs").then().statusCode(400)
                .body("error", containsString("\"type\""));
        api().contentType(ContentType.JSON).body("{\"type\":\"zm\",\"start\":\"2024-13-01\",\"end\":\"2024-01-07\"}")
                .post("/api/runs").then().statusCode(400).body("error", containsString("not a valid start"));
        api().contentType(ContentType.JSON).body("{\"type\":\"zm\"}").post("/api/runs").then().statusCode(400)
                .body("error", containsString("needs a date range"));
        api().contentType(ContentType.JSON).body("{\"type\":\"zm\",\"start\":\"2024-01-01\",\"end\":\"2024-01-07\",\"batch\":\"0d\"}")
                .post("/api/runs").then().statusCode(400).body("error", containsString("batch"));
        api().contentType(ContentType.JSON).body("{\"type\":\"nope\"}").post("/api/runs").then().statusCode(404);
        api().get("/api/runs/no-such-run").then().statusCode(404).body("error", containsString("no run with id"));
        api().get("/api/runs?status=sleeping").then().statusCode(400);
    }

    @Test
    void the_api_needs_the_token_and_health_does_not() {
        given().get("/api/types").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong").get("/api/runs").then().statusCode(401);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/runs"));
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(openapi.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(openapi.<Object>getList("security")).contains(Map.of("bearer", List.of()));
        assertThat(openapi.getMap("paths.'/api/runs'.post.responses")).containsKeys("202", "400", "401", "404", "409", "422", "503")
                .doesNotContainKey("200");
        assertThat(openapi.getString("paths.'/api/runs'.post.summary")).isEqualTo("Start a run");
        assertThat(openapi.getString("paths.'/api/types'.get.summary")).isNotBlank();
    }

    @Test
    void schedules_fire_types_together_and_a_slow_type_never_overlaps_itself() throws Exception {
        // tickslow fires every second and takes a few (its SLEEP runs when the query is checked and
        // when it is read): wait, up to half a minute, until two of its runs and a tickzm run are done.
        long deadline = System.nanoTime() + Duration.ofSeconds(PackagedApp.PATIENCE_SECONDS).toNanos();
        List<Map<String, Object>> runs;
        do {
            Thread.sleep(500);
            runs = api().get("/api/runs").then().statusCode(200).extract().jsonPath().getList("$");
        } while (System.nanoTime() < deadline && (finished(runs, "tickslow") < 2 || finished(runs, "tickzm") < 1));
        List<Map<String, Object>> ticks = runs.stream().filter(r -> "schedule".equals(r.get("trigger"))
                && "tickzm".equals(r.get("type")) && "SUCCEEDED".equals(r.get("status"))).toList();
        assertThat(ticks).isNotEmpty();
        String file = (String) ((List<Map<String, Object>>) ticks.get(0).get("files")).get(0).get("name");
        assertThat(TestDatabase.outputDir.resolve(file)).exists();
        assertThat(reportEntries(file)).isEqualTo(1);

        // tickmcct fires on the same cron: a run of it started with each tickzm fire.
        assertThat(runs).anySatisfy(r -> {
            assertThat(r.get("type")).isEqualTo("tickmcct");
            assertThat(r.get("windowEnd")).isEqualTo(ticks.get(0).get("windowEnd"));
        });

        List<Map<String, Object>> slow = runs.stream().filter(r -> "tickslow".equals(r.get("type"))
                && r.get("finishedAt") != null).toList();
        assertThat(slow).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < slow.size(); i++) {
            OffsetDateTime laterStart = OffsetDateTime.parse((String) slow.get(i - 1).get("startedAt"));
            OffsetDateTime earlierEnd = OffsetDateTime.parse((String) slow.get(i).get("finishedAt"));
            assertThat(laterStart).as("tickslow runs overlap").isAfterOrEqualTo(earlierEnd);
        }
    }

    private static long finished(List<Map<String, Object>> runs, String type) {
        return runs.stream().filter(r -> type.equals(r.get("type")) && r.get("finishedAt") != null).count();
    }

    @Test
    void readiness_follows_the_database_and_metrics_count_runs() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);
        ServeProfile.proxy.stop();
        try {
            given().get("/q/health/ready").then().statusCode(503);
        } finally {
            ServeProfile.proxy.start();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(PackagedApp.PATIENCE_SECONDS).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = given().get("/q/health/ready").statusCode();
            Thread.sleep(200);
        }
        assertThat(status).isEqualTo(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("dumper_runs_total{outcome=\"succeeded\",type=\"tickzm\"}"))
                .body(containsString("dumper_rows_total"));
    }
}
