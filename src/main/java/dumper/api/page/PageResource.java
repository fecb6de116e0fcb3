package dumper.api.page;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

import dumper.api.ApiAccess;
import dumper.api.Downloads;
import dumper.api.FilesResource;
import dumper.api.RunView;
import dumper.api.RunsResource;
import dumper.config.DumpType;
import dumper.config.DumpTypes;
import dumper.core.DumperException;
import dumper.run.RunManager;
import dumper.run.RunSummary;
import dumper.schedule.DumpScheduler;

/**
 * The operator page: the overview of every type, a run, the run list, the trigger form, the
 * published files and the login form. Reads what the API reads (the run manager's history, the
 * types, the scheduler) and acts as the API acts; {@link PageFilter} applies the API's access rule.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PageResource {

    private static final int STRIP = 20;
    private static final int CHART = 30;
    private static final int PAGE_SIZE = 50;

    private final RunManager runs;
    private final DumpTypes types;
    private final DumpScheduler scheduler;
    private final FilesResource files;
    private final PageSessions sessions;
    private final ApiAccess access;
    private final Downloads downloads;

    PageResource(RunManager runs, DumpTypes types, DumpScheduler scheduler, FilesResource files, PageSessions sessions,
            ApiAccess access, Downloads downloads) {
        this.downloads = downloads;
        this.runs = runs;
        this.types = types;
        this.scheduler = scheduler;
        this.files = files;
        this.sessions = sessions;
        this.access = access;
    }

    @GET
    @Operation(hidden = true)
    public Response overview(@CookieParam(PageSessions.COOKIE) String cookie, @Context HttpServerRequest http) {
        List<RunSummary> all = runs.list();
        // One pass over the history (newest first stays newest first in each list), however long it is.
        Map<String, List<RunSummary>> byType = all.stream().collect(Collectors.groupingBy(RunSummary::type));
        List<PageViews.TypeRow> rows = new ArrayList<>();
        for (DumpType type : types.all().values()) {
            List<RunSummary> ofType = byType.getOrDefault(type.name(), List.of());
            List<RunSummary> finished = ofType.stream().filter(r -> !r.isActive()).limit(CHART).toList().reversed();
            rows.add(new PageViews.TypeRow(type.name(), type.dateRange().name().toLowerCase(Locale.ROOT), type.windowLabel(),
                    type.schedules().stream().map(CronWords::describe).toList(),
                    scheduler.nextFires(type).stream().map(Html::time).toList(),
                    ofType.stream().limit(STRIP).map(PageViews::cell).toList().reversed(),
                    RunChart.svg(type.name(), finished),
                    runs.active(type.name()).map(r -> PageViews.progress(r.summary())).orElse(null)));
        }
        List<PageViews.RunLine> recent = all.stream().limit(10).map(PageViews::line).toList();
        return page(cookie, http, csrf -> Templates.overview(rows, recent, access.needsToken(), csrf));
    }

    @GET
    @Path("runs")
    @Operation(hidden = true)
    public Response runList(@QueryParam("page") Integer page, @QueryParam("type") String type,
            @CookieParam(PageSessions.COOKIE) String cookie, @Context HttpServerRequest http) {
        List<RunSummary> all = runs.list().stream().filter(r -> type == null || type.isBlank() || r.type().equals(type))
                .toList();
        int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, page == null ? 1 : page), pages);
        List<PageViews.RunLine> lines = all.subList((current - 1) * PAGE_SIZE, Math.min(all.size(), current * PAGE_SIZE))
                .stream().map(PageViews::line).toList();
        return page(cookie, http, csrf -> Templates.runs(lines, current, pages, type == null ? "" : type,
                access.needsToken(), csrf));
    }

    @GET
    @Path("runs/{id}")
    @Operation(hidden = true)
    public Response run(@PathParam("id") String id, @CookieParam(PageSessions.COOKIE) String cookie,
            @Context HttpServerRequest http) {
        RunSummary run = runs.find(id).orElse(null);
        if (run == null) {
            return notFound("no run with id " + id + "; the overview lists the recent runs");
        }
        RunView view = RunView.of(run);
        List<PageViews.FileRow> fileRows = run.files().stream().map(f -> new PageViews.FileRow(f.name(), f.type(),
                PageViews.window(f.windowStart(), f.windowEnd()), Html.count(f.rows()), Html.bytes(f.fileBytes()), f.sha256(),
                "/runs/" + run.id() + "/files/" + f.name(), f.reportEntry() == null ? "no entry" : f.reportEntry(),
                java.nio.file.Files.isRegularFile(java.nio.file.Path.of(f.path())), run.id(), Html.time(f.finishedAt())))
                .toList();
        return page(cookie, http, csrf -> Templates.run(view, PageViews.progress(run),
                run.batches().stream().map(PageViews::batch).toList(), fileRows, run.log(),
                PageViews.window(run.windowStart(), run.windowEnd()), Html.time(run.queuedAt()),
                Html.duration(PageViews.elapsed(run)), access.needsToken(), csrf));
    }

    @GET
    @Path("runs/{id}/files/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(hidden = true)
    public Response download(@PathParam("id") String id, @PathParam("name") String name) {
        return runs.find(id).map(run -> downloads.of(run, name)).orElseGet(() -> notFound("no run with id " + id));
    }

    @POST
    @Path("runs/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response cancel(@PathParam("id") String id, @FormParam("csrf") String csrf,
            @CookieParam(PageSessions.COOKIE) String cookie) {
        if (!sessions.csrfMatches(cookie, csrf)) {
            return csrfRefused();
        }
        runs.cancel(id);
        return Response.seeOther(URI.create("/runs/" + id)).build();
    }

    @GET
    @Path("trigger")
    @Operation(hidden = true)
    public Response triggerForm(@QueryParam("type") String type, @CookieParam(PageSessions.COOKIE) String cookie,
            @Context HttpServerRequest http) {
        return page(cookie, http, csrf -> Templates.trigger(typeNames(), TriggerForm.forType(type), "", "",
                access.needsToken(), csrf));
    }

    /**
     * Plans the run as the API does, so the form gets the planner's own line, next to the field
     * it is about; a run that starts goes to its page.
     */
    @POST
    @Path("trigger")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response trigger(@BeanParam TriggerForm form, @CookieParam(PageSessions.COOKIE) String cookie,
            @Context HttpServerRequest http) {
        if (!sessions.csrfMatches(cookie, form.csrf)) {
            return csrfRefused();
        }
        try {
            RunSummary run = runs.submit(RunsResource.runRequest(new RunsResource.TriggerRequest(TriggerForm.given(form.type),
                    TriggerForm.given(form.start), TriggerForm.given(form.end), TriggerForm.given(form.batch),
                    form.freshChecked(), form.replaceChecked())), "page").summary();
            return Response.seeOther(URI.create("/runs/" + run.id())).build();
        } catch (DumperException e) {
            String message = e.getMessage();
            Response page = page(cookie, http, csrf -> Templates.trigger(typeNames(), form, fieldOf(message), message,
                    access.needsToken(), csrf));
            return Response.fromResponse(page).status(422).build();
        }
    }

    @GET
    @Path("files")
    @Operation(hidden = true)
    public Response fileList(@QueryParam("type") String type, @QueryParam("date") String date,
            @CookieParam(PageSessions.COOKIE) String cookie, @Context HttpServerRequest http) {
        List<PageViews.FileRow> rows;
        String error = "";
        try {
            rows = files.list(TriggerForm.given(type), TriggerForm.given(date)).stream()
                    .map(f -> new PageViews.FileRow(f.name(), f.type(), PageViews.window(f.windowStart(), f.windowEnd()),
                            Html.count(f.rows()), Html.bytes(f.fileBytes()), f.sha256(),
                            "/runs/" + f.runId() + "/files/" + f.name(), f.reportEntry() == null ? "no entry" : f.reportEntry(),
                            f.present(), f.runId(), Html.time(f.publishedAt())))
                    .toList();
        } catch (DumperException e) {
            rows = List.of();
            error = e.getMessage();
        }
        List<PageViews.FileRow> shown = rows;
        String problem = error;
        return page(cookie, http, csrf -> Templates.files(shown, typeNames(), type == null ? "" : type,
                date == null ? "" : date, problem, access.needsToken(), csrf));
    }

    @GET
    @Path("login")
    @Operation(hidden = true)
    public Response loginForm(@CookieParam(PageSessions.COOKIE) String cookie, @Context HttpServerRequest http) {
        if (!access.needsToken()) {
            return Response.seeOther(URI.create("/")).build();
        }
        return page(cookie, http, csrf -> Templates.login("", csrf));
    }

    /** With the right token, a new logged-in session; the old id is dropped, so a planted one is worth nothing. */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response login(@FormParam("token") String token, @FormParam("csrf") String csrf,
            @CookieParam(PageSessions.COOKIE) String cookie, @Context HttpServerRequest http) {
        if (!sessions.csrfMatches(cookie, csrf)) {
            return csrfRefused();
        }
        if (!access.isToken(token)) {
            Response page = page(cookie, http, fresh -> Templates.login("wrong token; it is dumper.serve.api-token", fresh));
            return Response.fromResponse(page).status(401).build();
        }
        sessions.close(cookie);
        return Response.seeOther(URI.create("/")).cookie(PageSessions.cookie(sessions.open(true), http.isSSL())).build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response logout(@FormParam("csrf") String csrf, @CookieParam(PageSessions.COOKIE) String cookie) {
        if (!sessions.csrfMatches(cookie, csrf)) {
            return csrfRefused();
        }
        sessions.close(cookie);
        return Response.seeOther(URI.create("/login")).build();
    }

    /** Renders a page with the session's CSRF token, opening a session (and setting its cookie) on a first visit. */
    private Response page(String cookie, HttpServerRequest http, Function<String, TemplateInstance> template) {
        PageSessions.Visit visit = sessions.visit(cookie);
        Response.ResponseBuilder response = Response.ok(template.apply(sessions.csrf(visit.id())).render(),
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store");
        if (visit.isNew()) {
            response.cookie(PageSessions.cookie(visit.id(), http.isSSL()));
        }
        return response.build();
    }

    /** A state-changing request without its session's CSRF token: 403, and nothing done. */
    private static Response csrfRefused() {
        return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("dumper: the form's CSRF token is missing or stale; reload the page and send the form again\n").build();
    }

    private List<String> typeNames() {
        return types.all().keySet().stream().sorted(Comparator.naturalOrder()).toList();
    }

    private static Response notFound(String message) {
        return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity("dumper: " + message + "\n")
                .build();
    }

    /**
     * The form field a planner's line is about: the first of start, end and batch it names (a
     * missing or refused date range goes with start); an unknown type with the type; else none.
     */
    static String fieldOf(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        String best = "";
        int at = Integer.MAX_VALUE;
        for (String[] field : new String[][] {{"start", "start"}, {"date range", "start"}, {"dates", "start"},
                {"end", "end"}, {"batch", "batch"}}) {
            int i = lower.indexOf(field[0]);
            if (i >= 0 && i < at) {
                at = i;
                best = field[1];
            }
        }
        return best.isEmpty() && lower.contains("dump type") ? "type" : best;
    }
}
