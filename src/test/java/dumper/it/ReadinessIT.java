package dumper.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** Readiness covers the datasource of every configured type (and the report database), not only the default one. */
class ReadinessIT {

    @Test
    void a_type_on_a_datasource_that_does_not_answer_makes_the_service_not_ready() throws Exception {
        Path out = ItSupport.newOutputDir("readiness");
        int deadPort = PackagedApp.freePort();
        Map<String, String> config = new HashMap<>(TestDatabase.type("deadzm",
                "SELECT id FROM vaccination_event WHERE event_time >= :start AND event_time < :end", "required"));
        config.put("dumper.dumps.deadzm.datasource", "newc");
        config.put("quarkus.datasource.newc.jdbc.url", "jdbc:mysql://127.0.0.1:" + deadPort + "/newc?password=Sekr1t");
        config.put("quarkus.datasource.newc.username", "dumper");
        config.put("dumper.output-dir", out.toString());
        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"), config)) {
            JsonPath ready = given().port(service.port()).get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            assertThat(ready.getString("status")).isEqualTo("DOWN");
            Map<String, Object> datasources = ready.getMap("checks.find { it.name == 'dumper datasources' }.data");
            assertThat(datasources).containsEntry("<default>", "UP");
            assertThat((String) datasources.get("newc")).startsWith("DOWN: cannot connect to jdbc:mysql://127.0.0.1:" + deadPort)
                    .doesNotContain("Sekr1t");
        }
    }
}
