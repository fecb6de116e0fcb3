package dumper.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * With {@code dumper.serve.api-token} set, the page asks for the token once, on a login form,
 * and keeps an HttpOnly, SameSite=Strict session cookie; without it nothing of the page is
 * served, from anywhere.
 */
class PageLoginIT {

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    @Test
    void the_page_needs_the_token_once_and_keeps_a_strict_http_only_session() throws Exception {
        Path out = ItSupport.newOutputDir("page-login");
        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"), Map.of("dumper.output-dir",
                out.toString(), "dumper.publish-dir", Files.createDirectories(out.resolve("published")).toString(),
                "dumper.serve.api-token", "s3cret-page"))) {
            int port = service.port();
            for (String path : new String[] {"/", "/runs", "/files", "/trigger", "/events"}) {
                given().port(port).redirects().follow(false).get(path).then().statusCode(303)
                        .header("Location", org.hamcrest.Matchers.endsWith("/login"));
            }
            Response form = given().port(port).get("/login");
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.asString()).contains("API token").doesNotContain("s3cret-page", "Dump types");
            String anonymous = form.getCookie("dumper-session");
            String token = csrf(form.asString());

            Response wrong = given().port(port).redirects().follow(false).cookie("dumper-session", anonymous)
                    .contentType(ContentType.URLENC).formParam("token", "guess").formParam("csrf", token).post("/login");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.asString()).contains("wrong token");
            given().port(port).redirects().follow(false).cookie("dumper-session", anonymous).get("/").then().statusCode(303);

            Response right = given().port(port).redirects().follow(false).cookie("dumper-session", anonymous)
                    .contentType(ContentType.URLENC).formParam("token", "s3cret-page").formParam("csrf", token).post("/login");
            assertThat(right.statusCode()).isEqualTo(303);
            String setCookie = right.getHeader("Set-Cookie");
            assertThat(setCookie).contains("HttpOnly", "SameSite=Strict").doesNotContain("s3cret-page");
            String session = right.getCookie("dumper-session");
            assertThat(session).isNotEqualTo(anonymous);

            String overview = given().port(port).cookie("dumper-session", session).get("/").then().statusCode(200)
                    .extract().asString();
            assertThat(overview).contains("Dump types", "Log out").doesNotContain("s3cret-page");
            // The id seen before the login is worth nothing after it.
            given().port(port).redirects().follow(false).cookie("dumper-session", anonymous).get("/").then().statusCode(303);
            // The session is the page's, not a way into /api.
            given().port(port).cookie("dumper-session", session).get("/api/types").then().statusCode(401);

            given().port(port).redirects().follow(false).cookie("dumper-session", session).contentType(ContentType.URLENC)
                    .formParam("csrf", csrf(overview)).post("/logout").then().statusCode(303);
            given().port(port).redirects().follow(false).cookie("dumper-session", session).get("/").then().statusCode(303);
        }
        assertThat(Files.readString(out.resolve("serve.log"))).doesNotContain("s3cret-page");
    }
}
