package dumper.api.page;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import dumper.api.ApiAccess;

/**
 * The operator page answers exactly whom /api answers ({@link ApiAccess}): with a token, a
 * session opened on the login form; without one, clients on this machine (never a request a
 * proxy relayed) unless anonymous access is on. Anyone else gets one line and no page.
 */
public class PageFilter {

    private final ApiAccess access;
    private final PageSessions sessions;

    PageFilter(ApiAccess access, PageSessions sessions) {
        this.access = access;
        this.sessions = sessions;
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api")) {
            return Optional.empty();
        }
        Cookie cookie = request.getCookies().get(PageSessions.COOKIE);
        SocketAddress client = http.remoteAddress();
        boolean relayed = request.getHeaderString("Forwarded") != null || request.getHeaderString("X-Forwarded-For") != null;
        Optional<String> refusal = access.pageRefusal(cookie != null && sessions.loggedIn(cookie.getValue()),
                client == null ? null : client.hostAddress(), relayed);
        if (refusal.isEmpty()) {
            return Optional.empty();
        }
        if (access.needsToken()) {
            if (path.equals("/login") || path.startsWith("/static/")) {
                return Optional.empty();
            }
            return Optional.of(Response.seeOther(java.net.URI.create("/login")).build());
        }
        return Optional.of(Response.status(401).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("dumper: " + refusal.get() + "\n").build());
    }
}
