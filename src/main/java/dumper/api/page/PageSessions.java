package dumper.api.page;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

/**
 * The page's sessions: a random id in an HttpOnly, SameSite=Strict cookie, known only to this
 * process (a restart asks for the token again). A session is logged in once the API token was
 * given on the login form; without a token the session only carries the CSRF token, which is an
 * HMAC of the session id under a key of this process, so every form can be checked without
 * storing anything more.
 */
@ApplicationScoped
public class PageSessions {

    static final String COOKIE = "dumper-session";
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private record Session(boolean loggedIn, Instant expires) {
    }

    /** A visitor's session: its id, and whether the response must set the cookie (a new one). */
    record Visit(String id, boolean isNew) {
    }

    PageSessions() {
        random.nextBytes(key);
    }

    /** The session named by {@code cookie}, or a new one when it names none that is alive. */
    Visit visit(String cookie) {
        if (cookie != null && alive(cookie) != null) {
            return new Visit(cookie, false);
        }
        return new Visit(open(false), true);
    }

    boolean loggedIn(String cookie) {
        Session session = cookie == null ? null : alive(cookie);
        return session != null && session.loggedIn();
    }

    /** A new session, logged in or not; a login always gets a new id, so an id seen before it is worth nothing. */
    String open(boolean loggedIn) {
        if (sessions.size() >= MAX_SESSIONS) {
            Instant now = Instant.now();
            sessions.values().removeIf(s -> s.expires().isBefore(now));
            if (sessions.size() >= MAX_SESSIONS) {
                sessions.clear();
            }
        }
        byte[] id = new byte[24];
        random.nextBytes(id);
        String hex = HexFormat.of().formatHex(id);
        sessions.put(hex, new Session(loggedIn, Instant.now().plus(LIFETIME)));
        return hex;
    }

    void close(String cookie) {
        if (cookie != null) {
            sessions.remove(cookie);
        }
    }

    private Session alive(String id) {
        Session session = sessions.get(id);
        if (session != null && session.expires().isBefore(Instant.now())) {
            sessions.remove(id);
            return null;
        }
        return session;
    }

    /** The CSRF token of the forms of session {@code id}. */
    String csrf(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("csrf:" + id).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** True when {@code token} is the CSRF token of the live session {@code cookie}. */
    boolean csrfMatches(String cookie, String token) {
        return cookie != null && token != null && alive(cookie) != null
                && MessageDigest.isEqual(csrf(cookie).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** The cookie for session {@code id}: HttpOnly, SameSite=Strict, Secure when served over TLS. */
    static NewCookie cookie(String id, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(id).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) LIFETIME.toSeconds()).build();
    }
}
