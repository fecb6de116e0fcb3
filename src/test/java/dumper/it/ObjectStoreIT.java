package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Publishing to an S3-compatible bucket (S3Proxy, a real server): multipart, atomic, resumed after
 * kill -9, retried after a cut connection, the replace rule as for files, and failures as one line.
 */
class ObjectStoreIT {

    private static final String FILE = "bigs3.csv";
    private static final int ROWS = 100_000;

    @BeforeAll
    static void tables() {
        TestDatabase.ensureStarted();
        // About 14 MB of CSV: three parts of 5 MiB.
        ItSupport.update("CREATE TABLE IF NOT EXISTS s3_rows (i INT PRIMARY KEY, a CHAR(64), b CHAR(64))");
        ItSupport.update("INSERT IGNORE INTO s3_rows SELECT seq, SHA2(seq, 256), SHA2(seq + 1, 256) FROM seq_1_to_" + ROWS);
        ItSupport.update("CREATE TABLE IF NOT EXISTS s3_changing (i INT PRIMARY KEY, note VARCHAR(20))");
        // Two weeks of events, a minute apart: 20,160 rows for a distributed run in daily batches (15 with the end day).
        ItSupport.update("CREATE TABLE IF NOT EXISTS s3_events (i INT PRIMARY KEY, at DATETIME, a CHAR(64))");
        ItSupport.update("INSERT IGNORE INTO s3_events SELECT seq, '2024-05-01' + INTERVAL seq - 1 MINUTE, SHA2(seq, 256) "
                + "FROM seq_1_to_20160");
    }

    /** Settings of the types these tests run: their own output and publish directories, and the bucket. */
    private static Map<String, String> settings(String publishTo, Path out) throws IOException {
        Map<String, String> config = new HashMap<>(TestObjectStore.config(publishTo));
        config.putAll(TestDatabase.type("bigs3", "SELECT i, a, b FROM s3_rows ORDER BY i", "prohibited"));
        config.put("dumper.dumps.bigs3.file-name", FILE);
        config.put("dumper.dumps.bigs3.compression", "none");
        config.putAll(TestDatabase.type("changings3", "SELECT i, note FROM s3_changing ORDER BY i", "prohibited"));
        config.put("dumper.dumps.changings3.file-name", "changings3.csv.gz");
        config.put("dumper.output-dir", out.toString());
        config.put("dumper.publish-dir", Files.createDirectories(out.resolveSibling(out.getFileName() + "-publish")).toString());
        return config;
    }

    /** One finished run: its exit code and its output. */
    private record Run(int exitCode, List<String> lines, String output) {
        String lastLine() {
            return lines.get(lines.size() - 1);
        }

        List<String> errorLines() {
            return lines.stream().filter(l -> l.startsWith("dumper: ")).toList();
        }
    }

    private static Run run(Map<String, String> config, Map<String, String> environment, String... args) throws Exception {
        Path log = Files.createTempFile(TestDatabase.outputDir, "s3run", ".log");
        Process process = PackagedApp.start(log, config, environment, args);
        if (!process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            PackagedApp.kill9(process);
            throw new AssertionError("dumper did not end within three minutes: " + Files.readString(log));
        }
        String output = Files.readString(log);
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return new Run(process.exitValue(), lines, output);
    }

    private static Run run(Map<String, String> config, String... args) throws Exception {
        return run(config, TestObjectStore.credentials(), args);
    }

    private static byte[] object(String bucket, String key) {
        return TestObjectStore.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private static HeadObjectResponse head(String bucket, String key) {
        return TestObjectStore.client().headObject(b -> b.bucket(bucket).key(key));
    }

    private static JsonNode manifest(String bucket, String key) throws IOException {
        return new ObjectMapper().readTree(object(bucket, key + ".manifest.json"));
    }

    private static List<String> pendingUploads(String bucket) {
        return TestObjectStore.client().listMultipartUploads(b -> b.bucket(bucket)).uploads().stream().map(u -> u.key()).toList();
    }

    @Test
    void a_multi_part_file_is_published_and_reads_back_byte_identical_with_its_manifest_and_metadata() throws Exception {
        String bucket = TestObjectStore.newBucket("whole");
        Path out = ItSupport.newOutputDir("s3whole");
        Map<String, String> config = settings("s3://" + bucket + "/exports/", out);
        // A name of its own: report entries are per name and sha256, and other tests publish the same bytes as bigs3.csv.
        String file = "whole-" + FILE;
        config.put("dumper.dumps.bigs3.file-name", file);
        Run run = run(config, "--dump", "bigs3");
        assertThat(run.exitCode()).as(run.output()).isZero();
        String uri = "s3://" + bucket + "/exports/" + file;
        assertThat(run.lines()).contains(uri);

        Path local = out.resolve(file);
        byte[] published = object(bucket, "exports/" + file);
        assertThat(published).isEqualTo(Files.readAllBytes(local));
        assertThat(published.length).isGreaterThan(2 * 5 * 1024 * 1024);
        HeadObjectResponse head = head(bucket, "exports/" + file);
        // A multipart ETag ends in the number of parts.
        assertThat(head.eTag()).endsWith("-3\"");
        assertThat(head.metadata()).containsEntry("sha256", ItSupport.sha256(local)).containsEntry("rows", String.valueOf(ROWS));
        JsonNode manifest = manifest(bucket, "exports/" + file);
        assertThat(manifest.get("sha256").asText()).isEqualTo(ItSupport.sha256(local));
        assertThat(manifest.get("rows").asLong()).isEqualTo(ROWS);
        assertThat(TestObjectStore.keys(bucket)).containsExactlyInAnyOrder("exports/" + file, "exports/" + file + ".manifest.json");
        assertThat(pendingUploads(bucket)).isEmpty();
        assertThat(ItSupport.query("SELECT file_path, sha256 FROM dump_report WHERE file_path = ?", uri))
                .containsExactly(List.of(uri, ItSupport.sha256(local)));

        // An independent client reads the same bytes.
        Path fetched = out.resolveSibling(out.getFileName() + "-s3cmd.csv");
        Process s3cmd = new ProcessBuilder("s3cmd", "-c", TestObjectStore.s3cmdConfig().toString(), "get", uri, fetched.toString())
                .redirectErrorStream(true).start();
        String said = new String(s3cmd.getInputStream().readAllBytes());
        assertThat(s3cmd.waitFor()).as(said).isZero();
        assertThat(ItSupport.sha256(fetched)).isEqualTo(ItSupport.sha256(local));
    }

    @Test
    void an_upload_killed_mid_way_is_resumed_by_the_same_command_with_the_parts_already_in_the_store() throws Exception {
        String bucket = TestObjectStore.newBucket("resume");
        Path out = ItSupport.newOutputDir("s3resume");
        TcpProxy relay = new TcpProxy("127.0.0.1", TestObjectStore.port());
        Map<String, String> config = throughRelay(relay, settings("s3://" + bucket + "/", out));
        config.put("dumper.s3.parts-in-flight", "1");
        // The first part goes through; the relay stops forwarding in the second, and the run is killed there.
        relay.freezeAfter(7L * 1024 * 1024);
        Path log = Files.createTempFile(TestDatabase.outputDir, "s3killed", ".log");
        Process first = PackagedApp.start(log, config, TestObjectStore.credentials(), "--dump", "bigs3");
        String uploadId = awaitUploadWithParts(bucket, 1, first);
        PackagedApp.kill9(first);
        relay.thaw();
        // S3Proxy's filesystem store lists its own upload state (".mpus-…") as keys; the object is not among them.
        assertThat(TestObjectStore.keys(bucket)).as("nothing is visible before the upload completes")
                .doesNotContain(FILE, FILE + ".manifest.json");
        assertThat(TestObjectStore.client().listObjectsV2(b -> b.bucket(bucket).prefix(FILE)).contents()).isEmpty();

        Run second = run(config, "--dump", "bigs3");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("resuming its upload: 1 of 3 parts are in the store already");
        Path local = out.resolve(FILE);
        assertThat(object(bucket, FILE)).isEqualTo(Files.readAllBytes(local));
        assertThat(head(bucket, FILE).metadata()).containsEntry("sha256", ItSupport.sha256(local));
        assertThat(manifest(bucket, FILE).get("sha256").asText()).isEqualTo(ItSupport.sha256(local));
        assertThat(pendingUploads(bucket)).as("the resumed upload " + uploadId + " completed").isEmpty();
        relay.stop();
    }

    /** {@code config} with the store reached through {@code relay}, which is started. */
    private static Map<String, String> throughRelay(TcpProxy relay, Map<String, String> config) {
        relay.start();
        config.put("dumper.s3.endpoint", "http://127.0.0.1:" + relay.port());
        return config;
    }

    /** Waits until the store holds an unfinished upload with {@code parts} parts; returns its id. */
    private static String awaitUploadWithParts(String bucket, int parts, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (var upload : TestObjectStore.client().listMultipartUploads(b -> b.bucket(bucket)).uploads()) {
                int listed;
                try {
                    listed = TestObjectStore.client().listParts(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()))
                            .parts().size();
                } catch (software.amazon.awssdk.services.s3.model.S3Exception writingAPart) {
                    // S3Proxy's filesystem store answers 400 while a part's file is being written.
                    continue;
                }
                if (listed >= parts) {
                    return upload.uploadId();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no upload with " + parts + " parts appeared (process alive: " + process.isAlive() + ")");
    }

    @Test
    void a_connection_cut_mid_part_is_retried_and_the_run_succeeds() throws Exception {
        String bucket = TestObjectStore.newBucket("cut");
        Path out = ItSupport.newOutputDir("s3cut");
        TcpProxy relay = new TcpProxy("127.0.0.1", TestObjectStore.port());
        Map<String, String> config = throughRelay(relay, settings("s3://" + bucket + "/", out));

        // Without retries the cut fails the run: one line, the output exit code, nothing visible. One
        // part at a time and the cut in the second: the first part is in the store, so there is an
        // upload to abort. (S3Proxy 3.0.0's filesystem store cannot abort an upload that holds no part:
        // it answers NoSuchUpload and keeps listing it, which S3 itself does not do.)
        config.put("dumper.s3.attempts", "1");
        config.put("dumper.s3.parts-in-flight", "1");
        relay.cutAfter(6L * 1024 * 1024);
        Run once = run(config, "--dump", "bigs3");
        assertThat(once.errorLines()).as(once.output()).hasSize(1);
        assertThat(once.lastLine()).startsWith("dumper: ").contains("s3://" + bucket + "/" + FILE);
        assertThat(once.exitCode()).isEqualTo(5);
        // S3Proxy's filesystem store lists its own upload state (".mpus-…") as keys; whether the upload
        // is gone is what pendingUploads says.
        assertThat(TestObjectStore.keys(bucket)).doesNotContain(FILE, FILE + ".manifest.json");
        assertThat(pendingUploads(bucket)).as("the failed upload was aborted: %s", once.output()).isEmpty();

        // With the default attempts (and parts in flight) the cut part is sent again.
        config.remove("dumper.s3.attempts");
        config.remove("dumper.s3.parts-in-flight");
        relay.cutAfter(3L * 1024 * 1024);
        Run retried = run(config, "--dump", "bigs3");
        assertThat(retried.exitCode()).as(retried.output()).isZero();
        assertThat(object(bucket, FILE)).isEqualTo(Files.readAllBytes(out.resolve(FILE)));
        relay.stop();
    }

    @Test
    void a_changed_rerun_is_refused_and_leaves_the_object_and_replace_replaces_it_and_its_entry() throws Exception {
        String bucket = TestObjectStore.newBucket("replace");
        String key = "changings3.csv.gz";
        String uri = "s3://" + bucket + "/" + key;
        ItSupport.update("INSERT INTO s3_changing VALUES (1, 'a'), (2, 'b')");
        // Each run in a fresh output directory, as a container without a volume: the bucket is the record.
        Run first = run(settings("s3://" + bucket + "/", ItSupport.newOutputDir("s3replace")), "--dump", "changings3");
        assertThat(first.exitCode()).as(first.output()).isZero();
        byte[] before = object(bucket, key);
        String firstRun = manifest(bucket, key).get("runId").asText();

        Run same = run(settings("s3://" + bucket + "/", ItSupport.newOutputDir("s3replace")), "--dump", "changings3");
        assertThat(same.exitCode()).as(same.output()).isZero();
        assertThat(same.output()).contains(uri + " is already published with the same content");
        assertThat(manifest(bucket, key).get("runId").asText()).isEqualTo(firstRun);

        ItSupport.update("INSERT INTO s3_changing VALUES (3, 'c')");
        Run refused = run(settings("s3://" + bucket + "/", ItSupport.newOutputDir("s3replace")), "--dump", "changings3");
        assertThat(refused.errorLines()).as(refused.output()).hasSize(1);
        assertThat(refused.lastLine()).startsWith("dumper: " + uri + " is already published with other content (2 rows")
                .contains("this run: 3 rows", "--replace");
        assertThat(refused.exitCode()).isEqualTo(7);
        assertThat(object(bucket, key)).isEqualTo(before);
        assertThat(manifest(bucket, key).get("runId").asText()).isEqualTo(firstRun);
        assertThat(pendingUploads(bucket)).isEmpty();

        Path out = ItSupport.newOutputDir("s3replace");
        Run replaced = run(settings("s3://" + bucket + "/", out), "--dump", "changings3", "--replace");
        assertThat(replaced.exitCode()).as(replaced.output()).isZero();
        assertThat(object(bucket, key)).isEqualTo(Files.readAllBytes(out.resolve(key)));
        JsonNode manifest = manifest(bucket, key);
        assertThat(manifest.get("rows").asInt()).isEqualTo(3);
        assertThat(head(bucket, key).metadata()).containsEntry("sha256", manifest.get("sha256").asText());
        assertThat(ItSupport.query("SELECT row_count, sha256 FROM dump_report WHERE file_path = ?", uri))
                .containsExactly(List.of("3", ItSupport.sha256(out.resolve(key))));
    }

    @Test
    void a_missing_bucket_refused_credentials_or_a_store_that_is_down_are_one_line_with_nothing_published() throws Exception {
        String bucket = TestObjectStore.newBucket("fail");
        Path out = ItSupport.newOutputDir("s3fail");

        Run missing = run(settings("s3://no-such-bucket-here/", out), "--dump", "changings3");
        assertOneLine(missing, 5, "the bucket s3://no-such-bucket-here/ does not exist", "create it");

        Map<String, String> wrong = new HashMap<>(TestObjectStore.credentials());
        wrong.put("AWS_SECRET_ACCESS_KEY", "wrong-" + TestObjectStore.SECRET_KEY);
        Run denied = run(settings("s3://" + bucket + "/", out), wrong, "--dump", "changings3");
        assertOneLine(denied, 5, "access denied to s3://" + bucket + "/", "AWS_ACCESS_KEY_ID");
        assertThat(denied.output()).doesNotContain(TestObjectStore.SECRET_KEY);

        // No credentials anywhere in the chain (and no instance metadata to wait for): before, the
        // line listed every provider the SDK tried and said to check the endpoint.
        Run none = run(settings("s3://" + bucket + "/", out), Map.of("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent",
                "AWS_CONFIG_FILE", "/nonexistent", "AWS_EC2_METADATA_DISABLED", "true"), "--dump", "changings3");
        assertOneLine(none, 5, "no credentials for the object store", "AWS_ACCESS_KEY_ID");
        assertThat(none.lastLine()).doesNotContain("Provider");

        Map<String, String> down = settings("s3://" + bucket + "/", out);
        down.put("dumper.s3.endpoint", "http://127.0.0.1:" + PackagedApp.freePort());
        down.put("dumper.s3.attempts", "2");
        Run unreachable = run(down, "--dump", "changings3");
        assertOneLine(unreachable, 5, "cannot reach the object store at http://127.0.0.1:", "dumper.s3.endpoint");

        for (Run run : List.of(missing, denied, none, unreachable)) {
            assertThat(run.output()).doesNotContain(TestObjectStore.SECRET_KEY);
        }
        assertThat(TestObjectStore.keys(bucket)).isEmpty();
        assertThat(ItSupport.visibleFiles(out)).isEmpty();
    }

    private static void assertOneLine(Run run, int exitCode, String... phrases) {
        assertThat(run.errorLines()).as(run.output()).hasSize(1);
        assertThat(run.lastLine()).startsWith("dumper: ").contains(phrases);
        assertThat(run.exitCode()).as(run.lastLine()).isEqualTo(exitCode);
    }

    @Test
    void serve_streams_a_published_object_or_hands_out_a_presigned_link_to_it() throws Exception {
        String bucket = TestObjectStore.newBucket("serve");
        Map<String, String> config = settings("s3://" + bucket + "/", ItSupport.newOutputDir("s3serve"));
        // The AWS chain's system properties: PackagedApp.serve passes settings, not environment variables.
        config.put("aws.accessKeyId", TestObjectStore.ACCESS_KEY);
        config.put("aws.secretAccessKey", TestObjectStore.SECRET_KEY);
        for (String mode : List.of("stream", "presign")) {
            config.put("dumper.s3.download", mode);
            Path log = Files.createTempFile(TestDatabase.outputDir, "s3serve", ".log");
            try (PackagedApp.Service service = PackagedApp.serve(log, config)) {
                var api = io.restassured.RestAssured.given().port(service.port());
                String id = api.contentType("application/json").body("{\"type\":\"changings3\"}").post("/api/runs")
                        .then().statusCode(202).extract().jsonPath().getString("id");
                String download = awaitFile(service.port(), id);
                byte[] object = object(bucket, "changings3.csv.gz");
                if (mode.equals("stream")) {
                    byte[] body = io.restassured.RestAssured.given().port(service.port()).get(download).then().statusCode(200)
                            .extract().asByteArray();
                    assertThat(body).isEqualTo(object);
                } else {
                    String link = io.restassured.RestAssured.given().port(service.port()).redirects().follow(false).get(download)
                            .then().statusCode(307).extract().header("Location");
                    assertThat(link).startsWith(TestObjectStore.endpoint() + "/" + bucket + "/changings3.csv.gz?")
                            .contains("X-Amz-Expires=900").doesNotContain(TestObjectStore.SECRET_KEY);
                    java.net.http.HttpResponse<byte[]> fetched = java.net.http.HttpClient.newHttpClient().send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(link)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(fetched.statusCode()).isEqualTo(200);
                    assertThat(fetched.body()).isEqualTo(object);
                }
            }
            assertThat(Files.readString(log)).doesNotContain(TestObjectStore.SECRET_KEY);
        }
    }

    /** A {@code dumper worker} with {@code settings} and an output directory of its own, {@code dir}. */
    private static Process worker(Map<String, String> settings, Path dir, Path log) {
        Map<String, String> worker = new HashMap<>(settings);
        worker.put("dumper.output-dir", dir.toString());
        worker.put("quarkus.http.port", "0");
        return PackagedApp.start(log, worker, TestObjectStore.credentials(), "worker");
    }

    @Test
    void workers_that_share_no_directory_with_their_coordinator_hand_their_batches_over_through_the_bucket()
            throws Exception {
        TestBroker.purge();
        String bucket = TestObjectStore.newBucket("handover");
        String file = "events3_2024-05-01_2024-05-15.csv.gz";
        String[] dump = {"--dump", "events3", "2024-05-01", "2024-05-15"};
        Path referenceDir = ItSupport.newOutputDir("s3handover-reference");
        Map<String, String> reference = new HashMap<>(TestDatabase.type("events3",
                "SELECT i, at, a FROM s3_events WHERE at >= :start AND at < :end ORDER BY i", "required"));
        reference.put("dumper.dumps.events3.batch", "P1D");
        reference.put("dumper.output-dir", referenceDir.toString());
        Run local = run(reference, dump);
        assertThat(local.exitCode()).as(local.output()).isZero();

        // Coordinator and worker each have a directory of their own (pods on different nodes), and the same bucket.
        Map<String, String> shared = new HashMap<>(reference);
        shared.putAll(TestObjectStore.config("s3://" + bucket + "/exports/"));
        shared.putAll(TestBroker.config());
        Path coordinatorDir = ItSupport.newOutputDir("s3handover-coordinator");
        Path workerDir = ItSupport.newOutputDir("s3handover-worker");
        Path workerLog = workerDir.resolveSibling(workerDir.getFileName() + ".log");
        Process workerProcess = worker(shared, workerDir, workerLog);
        try {
            Map<String, String> coordinator = new HashMap<>(shared);
            coordinator.put("dumper.output-dir", coordinatorDir.toString());
            Run run = run(coordinator, Stream.concat(Stream.of(dump), Stream.of("--distributed")).toArray(String[]::new));
            assertThat(run.exitCode()).as(run.output() + Files.readString(workerLog)).isZero();
            assertThat(run.output()).contains("15 batch(es) queued");
        } finally {
            PackagedApp.kill9(workerProcess);
        }

        String referenceSha = ItSupport.sha256(referenceDir.resolve(file));
        assertThat(ItSupport.sha256(coordinatorDir.resolve(file))).isEqualTo(referenceSha);
        Path fetched = Files.createTempFile(TestDatabase.outputDir, "handover", ".csv.gz");
        Files.write(fetched, object(bucket, "exports/" + file));
        assertThat(ItSupport.sha256(fetched)).isEqualTo(referenceSha);
        assertThat(Files.readString(workerLog)).contains("batch 15 of " + file + " done");
        // What the batches went through is gone: no object beside the file and its manifest, nothing in the worker's directory.
        assertThat(TestObjectStore.keys(bucket)).containsExactlyInAnyOrder("exports/" + file, "exports/" + file + ".manifest.json");
        assertThat(pendingUploads(bucket)).isEmpty();
        try (Stream<Path> left = Files.walk(workerDir)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void a_batch_that_fails_for_good_on_a_worker_without_the_coordinators_directory_fails_the_run_with_its_error()
            throws Exception {
        TestBroker.purge();
        String bucket = TestObjectStore.newBucket("handover-poison");
        Map<String, String> shared = new HashMap<>(TestObjectStore.config("s3://" + bucket + "/"));
        shared.putAll(TestBroker.config());
        Path workerDir = ItSupport.newOutputDir("s3poison-worker");
        Path workerLog = workerDir.resolveSibling(workerDir.getFileName() + ".log");
        Process workerProcess = worker(shared, workerDir, workerLog);
        try {
            Map<String, String> coordinator = new HashMap<>(shared);
            coordinator.put("dumper.output-dir", ItSupport.newOutputDir("s3poison-coordinator").toString());
            Run run = run(coordinator, "--dump", "poisonzm", "2024-01-01", "2024-02-29", "--distributed");
            assertThat(run.exitCode()).as(run.output() + Files.readString(workerLog)).isEqualTo(4);
            assertThat(run.errorLines()).singleElement().asString()
                    .contains("failed on the workers", "Subquery returns more than 1 row");
        } finally {
            PackagedApp.kill9(workerProcess);
        }
        // Nothing published: what is left is the hand-over's, for the next run of the same command.
        assertThat(TestObjectStore.keys(bucket)).isNotEmpty().allSatisfy(key -> assertThat(key).startsWith(".dumper/"));
    }

    /** Waits for run {@code id} of the service on {@code port} to succeed; returns its file's download path. */
    private static String awaitFile(int port, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
        while (System.nanoTime() < deadline) {
            var run = io.restassured.RestAssured.given().port(port).get("/api/runs/" + id).then().statusCode(200).extract()
                    .jsonPath();
            String status = run.getString("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                assertThat(status).as(run.prettify()).isEqualTo("SUCCEEDED");
                return run.getString("files[0].download");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not end");
    }
}
