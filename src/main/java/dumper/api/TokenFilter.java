package dumper.api;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** Lets a request to /api through only as {@link ApiAccess} allows; others get 401 and the reason. */
public class TokenFilter {

    private final ApiAccess access;

    TokenFilter(ApiAccess access) {
        this.access = access;
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request, HttpServerRequest http) {
        if (!request.getUriInfo().getPath().startsWith("/api")) {
            return Optional.empty();
        }
        SocketAddress client = http.remoteAddress();
        boolean relayed = request.getHeaderString("Forwarded") != null || request.getHeaderString("X-Forwarded-For") != null;
        return access.refusal(request.getHeaderString("Authorization"), client == null ? null : client.hostAddress(), relayed)
                .map(reason -> Response.fromResponse(ApiErrors.json(401, reason)).header("WWW-Authenticate", "Bearer").build());
    }
}
