package dumper.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dumper.config.DumperConfig;

/**
 * Who may use /api, secure by default because the files hold names and national ids: with
 * {@code dumper.serve.api-token}, callers that send it; without one, only clients on this
 * machine, unless {@code dumper.serve.allow-anonymous=true} opens the API to everyone.
 * Health, metrics and the OpenAPI document are not under /api: probes and scrapers need them.
 */
@ApplicationScoped
public class ApiAccess {

    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;
    private final boolean anonymous;

    ApiAccess(DumperConfig config) {
        this.token = config.serve().apiToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.anonymous = token.isEmpty() && config.serve().allowAnonymous();
    }

    /** One line for the start-up log: which rule is in force. */
    public String describe() {
        if (token.isPresent()) {
            return "API access: bearer token (dumper.serve.api-token) required";
        }
        if (anonymous) {
            return "API access: open to every client without a token (dumper.serve.allow-anonymous=true)";
        }
        return "API access: clients on this machine only (loopback), since dumper.serve.api-token is not set";
    }

    /**
     * Why a request is refused, or empty when it may pass. {@code relayed}: the request names a
     * client of its own (Forwarded, X-Forwarded-For); a reverse proxy on this machine connects
     * from loopback whoever its client is, so such a request never counts as this machine's.
     */
    Optional<String> refusal(String authorization, String clientAddress, boolean relayed) {
        if (token.isPresent()) {
            // The scheme is case-insensitive (RFC 7235): "bearer" and "BEARER" are the same.
            String given = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? authorization.substring(BEARER.length()).trim() : "";
            return isToken(given) ? Optional.empty()
                    : Optional.of("missing or wrong bearer token; send Authorization: Bearer <token>");
        }
        return withoutToken(clientAddress, relayed);
    }

    /** True when a token is configured: the page then asks for it once and keeps a session. */
    public boolean needsToken() {
        return token.isPresent();
    }

    /** Whether {@code given} is the configured token (compared in constant time); false without one. */
    public boolean isToken(String given) {
        return token.isPresent() && given != null
                && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.get());
    }

    /**
     * The same rule for the operator page, where a browser sends a session cookie instead of the
     * token: {@code loggedIn} says its session was opened with the token.
     */
    public Optional<String> pageRefusal(boolean loggedIn, String clientAddress, boolean relayed) {
        if (token.isPresent()) {
            return loggedIn ? Optional.empty() : Optional.of("log in with the API token (dumper.serve.api-token)");
        }
        return withoutToken(clientAddress, relayed);
    }

    private Optional<String> withoutToken(String clientAddress, boolean relayed) {
        if (anonymous || isLoopback(clientAddress) && !relayed) {
            return Optional.empty();
        }
        return Optional.of("without dumper.serve.api-token the API answers only clients on the server's own machine"
                + (relayed ? " (a request relayed by a proxy counts as from elsewhere)" : "")
                + "; the operator sets a token (or dumper.serve.allow-anonymous=true)");
    }

    /** Only IP literals are looked at, so this never waits for a name lookup. */
    static boolean isLoopback(String address) {
        if (address == null || !address.matches("[0-9a-fA-F:.%\\[\\]]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
