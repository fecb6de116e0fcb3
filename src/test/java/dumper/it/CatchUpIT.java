package dumper.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scheduled fires are never silently lost: a fire whose run failed stays owed and runs later
 * with its own window, and a downtime longer than any count is caught up per the policy, never
 * with a fire from the middle of it. Downtime is simulated by the record on disk, not waited.
 */
@Tag("faults")
class CatchUpIT {

    private PackagedApp.Service service;
    private TcpProxy proxy;
    private Path out;

    @AfterEach
    void cleanUp() throws Exception {
        if (service != null) {
            PackagedApp.kill9(service.process());
        }
        if (proxy != null) {
            proxy.stop();
        }
        if (out != null && Files.exists(out.resolve("serve.log"))) {
            System.out.println("--- serve.log\n" + Files.readString(out.resolve("serve.log")));
        }
    }

    @Test
    void fires_that_failed_while_the_database_was_unreachable_run_later_with_their_own_windows() throws Exception {
        out = ItSupport.newOutputDir("failed-fires");
        proxy = new TcpProxy(TestDatabase.host(), TestDatabase.port());
        Map<String, String> config = scheduled("relayzm", "*/3 * * * * ?", "each");
        config.put("quarkus.datasource.jdbc.url", "jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + TestDatabase.database
                + TestDatabase.jdbcOptions());
        config.put("quarkus.datasource.jdbc.acquisition-timeout", "2S");
        config.put("dumper.retry.attempts", "1");
        // The relay refuses connections until two fires have failed.
        service = PackagedApp.serve(out.resolve("serve.log"), config);
        LocalDateTime firstFailed = awaitRuns("relayzm", "FAILED", 2).stream()
                .map(r -> LocalDateTime.parse((String) r.get("windowEnd"))).min(LocalDateTime::compareTo).orElseThrow();
        assertThat(metric("dumper_schedule_fires_owed{type=\"relayzm\"}")).isGreaterThanOrEqualTo(1);
        proxy.start();

        // Every fire from the first failed one on, each with its own window, in the order of the fires.
        List<LocalDateTime> owed = List.of(firstFailed, firstFailed.plusSeconds(3), firstFailed.plusSeconds(6));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
        List<Map<String, Object>> done;
        do {
            assertThat(System.nanoTime()).as("runs of the fires %s succeeded", owed).isLessThan(deadline);
            Thread.sleep(200);
            done = awaitRuns("relayzm", "SUCCEEDED", 1);
        } while (!done.stream().map(r -> LocalDateTime.parse((String) r.get("windowEnd"))).toList().containsAll(owed));
        assertThat(done).extracting(r -> LocalDateTime.parse((String) r.get("windowEnd"))).startsWith(owed.toArray(
                LocalDateTime[]::new)).isSorted();
        assertThat(LocalDateTime.parse((String) done.get(0).get("windowStart"))).isEqualTo(firstFailed.minusSeconds(3));
    }

    @Test
    void once_after_hours_down_on_an_every_second_schedule_runs_the_latest_fire() throws Exception {
        ZonedDateTime started = serveAfterHoursDown("once");

        List<Map<String, Object>> done = awaitRuns("ticksec", "SUCCEEDED", 1);
        LocalDateTime firstEnd = LocalDateTime.parse((String) done.get(0).get("windowEnd"));
        assertThat(firstEnd).as("the first run's fire").isAfterOrEqualTo(started.toLocalDateTime().withNano(0));
        assertThat(runs("ticksec")).as("no run of a fire from the middle of the downtime")
                .allSatisfy(r -> assertThat(LocalDateTime.parse((String) r.get("windowEnd")))
                        .isAfterOrEqualTo(started.toLocalDateTime().withNano(0)));
        assertThat(Files.readString(out.resolve("serve.log"))).contains("more than 10,000 fire(s) owed since");
    }

    @Test
    void each_refuses_a_backlog_over_its_limit_in_one_line_naming_how_many_fires_were_missed() throws Exception {
        serveAfterHoursDown("each");

        PackagedApp.awaitLine(out.resolve("serve.log"), "that missed-fires=each runs", service.process(), PackagedApp.PATIENCE_SECONDS);
        List<String> refusals = Files.readAllLines(out.resolve("serve.log")).stream()
                .filter(l -> l.contains("that missed-fires=each runs")).toList();
        assertThat(refusals).singleElement().asString().containsPattern("dumper: type ticksec owes 10,8\\d\\d fires since")
                .contains("more than the 10,000", "none is run", "ticksec.last-fire");
        assertThat(metric("dumper_schedule_fires_owed{type=\"ticksec\"}")).isGreaterThan(10_800);
        assertThat(runs("ticksec")).as("no fire of the backlog, and none past it").isEmpty();
    }

    /** Settings for one scheduled type over the zm rows, with a window of one fire interval. */
    private Map<String, String> scheduled(String type, String cron, String missedFires) {
        TestDatabase.ensureStarted();
        Map<String, String> config = new HashMap<>(TestDatabase.type(type, "SELECT id FROM vaccination_event "
                + "WHERE event_time >= :start AND event_time < :end", "optional"));
        config.put("dumper.dumps." + type + ".window", cron.startsWith("*/3") ? "PT3S" : "PT1S");
        config.put("dumper.dumps." + type + ".schedule", cron);
        config.put("dumper.serve.missed-fires", missedFires);
        config.put("dumper.time-zone", "Africa/Lusaka");
        config.put("dumper.output-dir", out.toString());
        config.put("dumper.report.enabled", "false");
        return config;
    }

    /**
     * Serves an every-second type, ticksec, with the record a service that last fired it three
     * hours ago leaves on disk (10,800 fires, over the 10,000 that used to be counted); returns
     * when it started.
     */
    private ZonedDateTime serveAfterHoursDown(String missedFires) throws Exception {
        out = ItSupport.newOutputDir(missedFires + "-hours");
        ZonedDateTime started = ZonedDateTime.now(ZoneId.of("Africa/Lusaka"));
        Path record = out.resolve(".dumper/schedule/ticksec.last-fire");
        Files.createDirectories(record.getParent());
        Files.writeString(record, started.minusHours(3).withNano(0).toInstant().toString());
        service = PackagedApp.serve(out.resolve("serve.log"), scheduled("ticksec", "* * * * * ?", missedFires));
        return started;
    }

    /** The type's runs that ended {@code status}, in the order they started, once there are {@code count}. */
    private List<Map<String, Object>> awaitRuns(String type, String status, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
        while (true) {
            List<Map<String, Object>> ended = runs(type).stream().filter(r -> status.equals(r.get("status")))
                    .sorted(Comparator.comparing(r -> OffsetDateTime.parse((String) r.get("startedAt")))).toList();
            if (ended.size() >= count) {
                return ended;
            }
            assertThat(System.nanoTime()).as("%d %s runs of %s", count, status, type).isLessThan(deadline);
            assertThat(service.process().isAlive()).isTrue();
            Thread.sleep(200);
        }
    }

    private List<Map<String, Object>> runs(String type) {
        List<Map<String, Object>> all = given().port(service.port()).get("/api/runs").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(r -> type.equals(r.get("type"))).toList();
    }

    private double metric(String series) {
        String metrics = given().port(service.port()).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1))).orElse(-1.0);
    }
}
