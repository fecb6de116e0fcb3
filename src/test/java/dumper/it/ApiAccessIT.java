package dumper.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.restassured.specification.RequestSpecification;

/**
 * Without {@code dumper.serve.api-token}, /api is closed to clients off the server's machine
 * unless the operator opens it explicitly; health and metrics stay open. A client elsewhere is
 * played by a loopback request that a trusted proxy says came from 192.0.2.7 (TEST-NET-1): the
 * same address the service would see behind an ingress.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class ApiAccessIT {

    private static Map<String, String> behindProxy(String... settings) {
        Map<String, String> config = new HashMap<>(Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true"));
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return config;
    }

    private static RequestSpecification from(String address, int port) {
        return given().port(port).header("X-Forwarded-For", address);
    }

    @Test
    void without_a_token_only_clients_on_the_machine_are_answered() throws Exception {
        Path out = ItSupport.newOutputDir("loopback");
        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"), behindProxy())) {
            int port = service.port();
            given().port(port).get("/api/types").then().statusCode(200);
            from("192.0.2.7", port).get("/api/types").then().statusCode(401)
                    .body("error", containsString("only clients on the server's own machine"))
                    .body("error", containsString("dumper.serve.api-token"));
            from("192.0.2.7", port).get("/api/runs/any").then().statusCode(401);
            from("192.0.2.7", port).get("/q/health/live").then().statusCode(200);
            from("192.0.2.7", port).get("/q/metrics").then().statusCode(200);
        }
        assertThat(Files.readString(out.resolve("serve.log"))).contains("API access: clients on this machine only");
    }

    @Test
    void allow_anonymous_opens_the_api_to_every_client() throws Exception {
        Path out = ItSupport.newOutputDir("anonymous");
        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"),
                behindProxy("dumper.serve.allow-anonymous", "true"))) {
            from("192.0.2.7", service.port()).get("/api/types").then().statusCode(200);
        }
        assertThat(Files.readString(out.resolve("serve.log"))).contains("API access: open to every client");
    }

    @Test
    void a_token_is_needed_from_everywhere_once_set() throws Exception {
        Path out = ItSupport.newOutputDir("token");
        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"),
                behindProxy("dumper.serve.api-token", "s3cret", "dumper.serve.allow-anonymous", "true"))) {
            given().port(service.port()).get("/api/types").then().statusCode(401).body("error", containsString("bearer token"));
            from("192.0.2.7", service.port()).header("Authorization", "Bearer s3cret").get("/api/types").then().statusCode(200);
        }
        assertThat(Files.readString(out.resolve("serve.log"))).contains("API access: bearer token").doesNotContain("s3cret");
    }

    @Test
    void without_a_token_a_request_relayed_by_a_proxy_on_this_machine_is_not_taken_for_a_local_client() throws Exception {
        // No proxy-address forwarding configured: the service sees the local proxy's loopback address.
        Path out = ItSupport.newOutputDir("relayed");
        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"), Map.of())) {
            int port = service.port();
            given().port(port).get("/api/types").then().statusCode(200);
            given().port(port).header("X-Forwarded-For", "192.0.2.7").get("/api/types").then().statusCode(401)
                    .body("error", containsString("relayed by a proxy"));
            given().port(port).header("Forwarded", "for=192.0.2.7").get("/api/types").then().statusCode(401);
        }
    }
}
