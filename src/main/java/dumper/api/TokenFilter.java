package dumper.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dumper.config.DumperConfig;

/** With {@code dumper.serve.api-token} set, /api needs {@code Authorization: Bearer <token>}. */
public class TokenFilter {

    private final Optional<byte[]> token;

    TokenFilter(DumperConfig config) {
        this.token = config.serve().apiToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request) {
        if (token.isEmpty() || !request.getUriInfo().getPath().startsWith("/api")) {
            return Optional.empty();
        }
        String header = request.getHeaderString("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (MessageDigest.isEqual(given, token.get())) {
            return Optional.empty();
        }
        return Optional.of(Response.fromResponse(ApiErrors.json(401, "missing or wrong bearer token; send Authorization: Bearer <token>"))
                .header("WWW-Authenticate", "Bearer").build());
    }
}
