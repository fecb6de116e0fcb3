package dumper.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The run history is kept in the output directory's {@code .dumper/runs/}: after a restart a
 * run is still found, its file still downloads and the file catalogue still lists it; the
 * history keeps no more runs than {@code dumper.serve.run-history}.
 */
class RunHistoryIT {

    static String trigger(int port, String type, String start, String end) {
        return given().port(port).contentType(ContentType.JSON)
                .body("{\"type\":\"" + type + "\",\"start\":\"" + start + "\",\"end\":\"" + end + "\"}")
                .post("/api/runs").then().statusCode(202).extract().jsonPath().getString("id");
    }

    static JsonPath awaitEnd(int port, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(PackagedApp.PATIENCE_SECONDS).toNanos();
        while (System.nanoTime() < deadline) {
            // Connection: close: each poll would otherwise keep a connection open, towards the service's bound.
            JsonPath run = given().port(port).header("Connection", "close").get("/api/runs/" + id).then().statusCode(200)
                    .extract().jsonPath();
            if (!run.getString("status").equals("QUEUED") && !run.getString("status").equals("RUNNING")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not end");
    }

    @Test
    void a_run_its_download_and_its_file_outlive_a_restart() throws Exception {
        Path out = ItSupport.newOutputDir("history");
        Map<String, String> settings = Map.of("dumper.output-dir", out.toString(), "dumper.publish-dir",
                Files.createDirectories(out.resolve("published")).toString());
        String id;
        String sha256;
        try (PackagedApp.Service first = PackagedApp.serve(out.resolve("first.log"), settings)) {
            id = trigger(first.port(), "zm", "2024-06-10", "2024-06-12");
            JsonPath run = awaitEnd(first.port(), id);
            assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
            sha256 = run.getString("files[0].sha256");
            assertThat(run.getList("batches.phase")).containsOnly("DONE");
        }
        assertThat(out.resolve(".dumper/runs/" + id + ".json")).exists();

        try (PackagedApp.Service second = PackagedApp.serve(out.resolve("second.log"), settings)) {
            int port = second.port();
            // Connection: close: each poll would otherwise keep a connection open, towards the service's bound.
            JsonPath run = given().port(port).header("Connection", "close").get("/api/runs/" + id).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(run.getString("files[0].name")).isEqualTo("zm_2024-06-10_2024-06-12.csv.gz");
            byte[] file = given().port(port).get(run.getString("files[0].download")).then().statusCode(200)
                    .extract().asByteArray();
            assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file)))
                    .isEqualTo(sha256);
            assertThat(given().port(port).get("/api/runs").then().statusCode(200).extract().jsonPath().getList("id"))
                    .contains(id);

            JsonPath files = given().port(port).get("/api/files?type=zm&date=2024-06-11").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(files.getList("name")).containsExactly("zm_2024-06-10_2024-06-12.csv.gz");
            assertThat(files.getString("[0].sha256")).isEqualTo(sha256);
            assertThat(files.getString("[0].runId")).isEqualTo(id);
            assertThat(files.getBoolean("[0].present")).isTrue();
            assertThat(files.getString("[0].reportEntry")).isEqualTo("zm_2024-06-10_2024-06-12.csv.gz");
            assertThat(files.getString("[0].windowStart")).isEqualTo("2024-06-10T00:00:00");
            assertThat(files.getLong("[0].fileBytes")).isEqualTo(file.length);
            assertThat(given().port(port).get("/api/files?date=2024-06-20").then().statusCode(200).extract().jsonPath()
                    .getList("name")).doesNotContain("zm_2024-06-10_2024-06-12.csv.gz");
            given().port(port).get("/api/files?date=June").then().statusCode(400);
        }
    }

    @Test
    void the_history_keeps_the_newest_runs_only() throws Exception {
        Path out = ItSupport.newOutputDir("retention");
        Map<String, String> settings = Map.of("dumper.output-dir", out.toString(), "dumper.publish-dir",
                Files.createDirectories(out.resolve("published")).toString(), "dumper.serve.run-history", "1");
        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"), settings)) {
            String older = trigger(service.port(), "zm", "2024-06-10", "2024-06-12");
            awaitEnd(service.port(), older);
            String newer = trigger(service.port(), "zm", "2024-06-13", "2024-06-14");
            awaitEnd(service.port(), newer);
            given().port(service.port()).get("/api/runs/" + older).then().statusCode(404);
            assertThat(out.resolve(".dumper/runs/" + older + ".json")).doesNotExist();
            assertThat(out.resolve(".dumper/runs/" + newer + ".json")).exists();
            // Forgetting a run keeps its file.
            assertThat(out.resolve("zm_2024-06-10_2024-06-12.csv.gz")).exists();
        }
    }
}
