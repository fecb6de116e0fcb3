package dumper.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The operator page of {@code dumper serve}, in a real browser: Debian's chromium, headless,
 * driven through /usr/bin/chromedriver (given explicitly, so nothing is downloaded). The service
 * runs without a token, so this machine's browser is let in, as /api would let it in; runs are
 * held mid-way by the {@link Gate}. Screenshots for docs/operations.md go to docs/img/.
 */
class PageIT {

    private static final Path SCREENSHOTS = Path.of("docs/img");
    private static Path out;
    private static PackagedApp.Service service;
    private static ChromeDriverService driverService;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        out = ItSupport.newOutputDir("page");
        Map<String, String> settings = new HashMap<>(Map.of("dumper.output-dir", out.toString(), "dumper.publish-dir",
                Files.createDirectories(out.resolve("published")).toString(),
                "dumper.dumps.snapshot.schedule", "0 0 3 * * ?"));
        service = PackagedApp.serve(out.resolve("serve.log"), settings);
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        profile = Files.createTempDirectory("dumper-page-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        browser = new ChromeDriver(driverService, options);
        viewport(1280, 900);
    }

    /** Sizes the window so that the page itself (what a screenshot shows) is {@code width} × {@code height}. */
    private static void viewport(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        long innerWidth = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth");
        long innerHeight = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerHeight");
        browser.manage().window().setSize(new Dimension(width + (int) (width - innerWidth), height + (int) (height - innerHeight)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (service != null) {
            service.close();
        }
        if (profile != null) {
            TestDatabase.deleteTree(profile);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + service.port() + path;
    }

    private static WebDriverWait waiting() {
        // The page reloads itself when a run ends: an element found just before is then stale; look again.
        // Chromium sometimes reports such a node not as stale but as an "unknown error" (the node "does not
        // belong to the document"): so any WebDriver error means look again, and the last one is kept for the report.
        return (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(PackagedApp.PATIENCE_SECONDS),
                Duration.ofMillis(100)).ignoring(WebDriverException.class);
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Starts a run from the form and gives its id, from the run page the form leads to. */
    private static String startFromTheForm(String type, String start, String end) {
        browser.get(url("/trigger?type=" + type));
        browser.findElement(By.id("start")).sendKeys(start);
        browser.findElement(By.id("end")).sendKeys(end);
        browser.findElement(By.id("start-run")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/runs/"));
        return browser.findElement(By.id("run")).getAttribute("data-run");
    }

    private static String progressValue() {
        return browser.findElement(By.cssSelector(".progress progress")).getAttribute("value");
    }

    private static String apiRun(String type, String start, String end) {
        return given().port(service.port()).contentType(ContentType.JSON)
                .body("{\"type\":\"" + type + "\",\"start\":\"" + start + "\",\"end\":\"" + end + "\"}")
                .post("/api/runs").then().statusCode(202).extract().jsonPath().getString("id");
    }

    @Test
    void the_overview_lists_the_types_with_their_schedules_and_next_fires() throws IOException {
        browser.get(url("/"));
        WebElement snapshot = browser.findElement(By.id("type-snapshot"));
        assertThat(snapshot.findElement(By.cssSelector(".schedule li")).getText()).contains("03:00");
        assertThat(snapshot.findElements(By.cssSelector(".next time"))).isNotEmpty()
                .allSatisfy(t -> assertThat(t.getText()).matches("\\d{4}-\\d\\d-\\d\\d 03:00:00"));
        assertThat(browser.findElement(By.id("type-zm")).getText()).contains("not scheduled · dates required");

        // At a phone's width nothing needs scrolling sideways.
        viewport(390, 844);
        try {
            browser.get(url("/"));
            Object wider = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth > window.innerWidth");
            assertThat(wider).isEqualTo(false);
            screenshot("overview-phone.png");
        } finally {
            viewport(1280, 900);
        }
    }

    @Test
    void a_run_started_from_the_form_moves_live_while_it_proceeds_and_ends_with_its_file() throws Exception {
        // Some history for the strip and the chart: two runs that succeed and one that fails.
        // One after the other: a type runs once at a time.
        RunHistoryIT.awaitEnd(service.port(), apiRun("zm", "2024-06-03", "2024-06-04"));
        RunHistoryIT.awaitEnd(service.port(), apiRun("zm", "2024-06-05", "2024-06-07"));
        RunHistoryIT.awaitEnd(service.port(), apiRun("notable", "2024-06-01", "2024-06-02"));
        String id;
        try (Gate second = Gate.closedFor("2024-01-08"); Gate third = Gate.closedFor("2024-01-15")) {
            id = startFromTheForm("gatezm", "2024-01-01", "2024-01-21");
            waiting().until(d -> "1".equals(progressValue()));
            second.awaitWaiting(1, service.process());
            screenshot("run-live.png");

            browser.get(url("/"));
            WebElement live = browser.findElement(By.cssSelector("#type-gatezm .progress"));
            assertThat(live.getAttribute("data-run")).isEqualTo(id);
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                    browser.findElement(By.id("type-gatezm")));
            screenshot("overview.png");

            browser.get(url("/runs/" + id));
            ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
            second.close();
            waiting().until(d -> "2".equals(progressValue()));
            // It moved on this page as it stood: the events moved it, not a reload.
            assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true")).isEqualTo(true);
            assertThat(browser.findElement(By.cssSelector(".batch[data-batch='2']")).getAttribute("class")).contains("done");
        }
        waiting().until(d -> d.findElement(By.id("status")).getText().equals("SUCCEEDED"));
        String name = "gatezm_2024-01-01_2024-01-21.csv.gz";
        // The live status comes first; the page then loads again with the ended run's files.
        WebElement download = waiting().until(d -> d.findElement(By.cssSelector("a.download")));
        assertThat(download.getText()).isEqualTo(name);
        String shown = browser.findElement(By.cssSelector("code.sha256")).getText();
        assertThat(browser.findElements(By.cssSelector(".batch.done"))).hasSize(3);
        // Its entry: inserted now, or found already there (another test class reports the same file and bytes).
        assertThat(browser.findElement(By.cssSelector("ol.log")).getText()).contains("gatezm: batch 3/3 done")
                .containsPattern("report entry (inserted for|for) " + java.util.regex.Pattern.quote(name));

        byte[] file = given().port(service.port()).get(URI.create(download.getAttribute("href")).getPath())
                .then().statusCode(200).extract().asByteArray();
        String manifest = new ObjectMapper().readTree(out.resolve(name + ".manifest.json").toFile()).get("sha256").asText();
        assertThat(sha256(file)).isEqualTo(manifest).isEqualTo(shown);
    }

    @Test
    void cancel_on_the_run_page_stops_the_run() throws Exception {
        try (Gate gate = Gate.closedFor("2024-03-04")) {
            String id = startFromTheForm("gatezm", "2024-03-04", "2024-03-10");
            gate.awaitWaiting(1, service.process());
            browser.get(url("/runs/" + id));
            browser.findElement(By.id("cancel")).click();
            waiting().until(d -> d.findElement(By.id("status")).getText().equals("CANCELLED"));
            // The live status comes first, the ended run's fragment (its error line) a moment after.
            assertThat(waiting().until(d -> d.findElement(By.id("error"))).getText()).contains("resume");
            assertThat(browser.findElements(By.id("cancel"))).isEmpty();
        }
    }

    @Test
    void a_bad_date_in_the_form_shows_the_planners_line_next_to_the_field() {
        String api = given().port(service.port()).contentType(ContentType.JSON)
                .body("{\"type\":\"zm\",\"start\":\"2024-13-01\",\"end\":\"2024-01-07\"}").post("/api/runs")
                .then().statusCode(400).extract().jsonPath().getString("error");
        browser.get(url("/trigger?type=zm"));
        browser.findElement(By.id("start")).sendKeys("2024-13-01");
        browser.findElement(By.id("end")).sendKeys("2024-01-07");
        browser.findElement(By.id("start-run")).click();
        WebElement error = waiting().until(d -> d.findElement(By.id("start-error")));
        assertThat(error.getText()).isEqualTo(api).contains("not a valid start");
        assertThat(browser.findElement(By.id("start")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("start")).getAttribute("value")).isEqualTo("2024-13-01");
    }

    @Test
    void a_client_the_api_refuses_gets_no_page() {
        for (String path : List.of("/", "/runs", "/files", "/trigger", "/events", "/static/page.js")) {
            String body = given().port(service.port()).header("X-Forwarded-For", "192.0.2.7").get(path)
                    .then().statusCode(401).extract().asString();
            assertThat(body).as(path).startsWith("dumper: without dumper.serve.api-token").doesNotContain("<");
        }
        given().port(service.port()).header("X-Forwarded-For", "192.0.2.7").contentType(ContentType.URLENC)
                .formParam("type", "zm").post("/trigger").then().statusCode(401);
        given().port(service.port()).header("X-Forwarded-For", "192.0.2.7").get("/api/types").then().statusCode(401);
    }

    @Test
    void a_post_without_the_csrf_token_is_refused_and_starts_nothing() {
        Response form = given().port(service.port()).get("/trigger");
        String session = form.getCookie("dumper-session");
        assertThat(form.getDetailedCookie("dumper-session").isHttpOnly()).isTrue();
        assertThat(form.getHeader("Set-Cookie")).contains("SameSite=Strict");
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(form.asString());
        assertThat(csrf.find()).isTrue();
        String right = csrf.group(1);
        int before = given().port(service.port()).get("/api/runs?type=slowzm").then().extract().jsonPath().getList("$").size();

        for (String token : new String[] {null, "0000", right}) {
            var request = given().port(service.port()).redirects().follow(false).cookie("dumper-session", session)
                    .contentType(ContentType.URLENC).formParam("type", "slowzm").formParam("start", "2024-02-01")
                    .formParam("end", "2024-02-02");
            if (token != null) {
                request.formParam("csrf", token);
            }
            int expected = right.equals(token) ? 303 : 403;
            request.post("/trigger").then().statusCode(expected);
            int runs = given().port(service.port()).get("/api/runs?type=slowzm").then().extract().jsonPath().getList("$").size();
            assertThat(runs).as("runs after csrf " + token).isEqualTo(expected == 303 ? before + 1 : before);
        }
        // A token is worth only with its own session.
        given().port(service.port()).redirects().follow(false).contentType(ContentType.URLENC).formParam("type", "slowzm")
                .formParam("csrf", right).post("/trigger").then().statusCode(403);
    }

    @Test
    void the_events_are_server_sent_json_lists_of_the_runs_in_flight() throws Exception {
        try (Gate gate = Gate.closedFor("2024-04-01")) {
            String id = apiRun("gatezm", "2024-04-01", "2024-04-07");
            gate.awaitWaiting(1, service.process());
            HttpURLConnection events = (HttpURLConnection) URI.create(url("/events")).toURL().openConnection();
            events.setRequestProperty("Accept", "text/event-stream");
            events.setReadTimeout(30_000);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(events.getContentType()).startsWith("text/event-stream");
                String data = lines.lines().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
                var runs = new ObjectMapper().readTree(data.substring(5));
                assertThat(runs.isArray()).isTrue();
                assertThat(runs.findValuesAsText("id")).contains(id);
            } finally {
                events.disconnect();
            }
            given().port(service.port()).delete("/api/runs/" + id).then().statusCode(202);
        }
    }

    @Test
    void clients_that_go_away_free_their_live_streams() throws Exception {
        // The browser's own page holds a stream, which closes and opens as it navigates: away
        // from the page, only this test's streams are counted.
        browser.get("about:blank");
        awaitOpenStreams(0);
        int before = 0;
        List<java.net.Socket> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                java.net.Socket client = new java.net.Socket("127.0.0.1", service.port());
                clients.add(client);
                client.getOutputStream().write("GET /events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                BufferedReader lines = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                assertThat(lines.lines().filter(l -> l.startsWith("data:")).findFirst()).as("a first event").isPresent();
            }
            awaitOpenStreams(before + 20);
        } finally {
            for (java.net.Socket client : clients) {
                client.close();
            }
        }
        // The server learns of each closed socket when it next writes an event: within a second or so.
        awaitOpenStreams(before);
    }

    @Test
    void a_page_left_for_another_closes_its_live_stream_and_loads_again_when_the_browser_goes_back() {
        browser.get(url("/"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
        browser.get(url("/trigger?type=zm"));
        // Chromium keeps the overview in its back-forward cache. Had it kept the overview's stream
        // open too, six such pages would take every connection a browser opens to the server.
        browser.navigate().back();
        waiting().until(d -> d.getCurrentUrl().equals(url("/"))
                && Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.notReloaded === undefined")));
    }

    private static int openStreams() {
        String metrics = given().port(service.port()).header("Connection", "close").get("/q/metrics")
                .then().statusCode(200).extract().asString();
        Matcher open = Pattern.compile("(?m)^dumper_page_streams(?:\\{[^}]*\\})? ([0-9.]+)$").matcher(metrics);
        assertThat(open.find()).as("dumper_page_streams in /q/metrics").isTrue();
        return (int) Double.parseDouble(open.group(1));
    }

    private static void awaitOpenStreams(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
        int now = openStreams();
        while (now != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = openStreams();
        }
        assertThat(now).as("live streams open").isEqualTo(expected);
    }

    @Test
    void the_pages_read_without_javascript() {
        String overview = given().port(service.port()).get("/").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/html")).extract().asString();
        assertThat(overview).contains("id=\"type-zm\"", "Dump types");
        given().port(service.port()).get("/runs?page=999").then().statusCode(200);
        given().port(service.port()).get("/files?date=June").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("bad date &#39;June&#39;; use YYYY-MM-DD"));
        given().port(service.port()).get("/runs/no-such-run").then().statusCode(404);
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
