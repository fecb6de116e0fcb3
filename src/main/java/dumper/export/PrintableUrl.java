package dumper.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.mysql.cj.conf.ConnectionUrlParser;
import com.mysql.cj.conf.HostInfo;

/**
 * A JDBC URL fit for an error line: the URL rebuilt from Connector/J's own reading of it, with
 * every password (and every property named as a secret, {@link #isSecret}) replaced by {@code ***}. Patterns cannot find a password reliably
 * ({@code user:pa@ss@host}, {@code user:pa/ss@host}, {@code ?password=a;b}, {@code password2=}),
 * the driver's parser finds what the driver would use. A URL the driver cannot parse is not
 * shown at all, and neither is a driver message that repeats the URL or a password.
 *
 * @param text the URL to print
 * @param parsed false when the driver cannot read the URL: then only its scheme is shown
 * @param secrets what must never be printed: the passwords, and the URL's authority as written
 */
public record PrintableUrl(String text, boolean parsed, List<String> secrets) {

    private static final String MASK = "***";
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token");

    public static PrintableUrl of(String url) {
        int authority = url.indexOf("//");
        String scheme = authority < 0 ? url : url.substring(0, authority);
        try {
            ConnectionUrlParser parsed = ConnectionUrlParser.parseConnectionString(url);
            List<String> secrets = new ArrayList<>();
            secrets.add(parsed.getAuthority());
            List<String> hosts = new ArrayList<>();
            for (HostInfo host : parsed.getHosts()) {
                hosts.add(host(host, secrets));
            }
            StringBuilder text = new StringBuilder(scheme).append("//").append(String.join(",", hosts));
            if (parsed.getPath() != null) {
                text.append('/').append(parsed.getPath());
            }
            if (parsed.getQuery() != null) {
                text.append('?').append(query(parsed.getQuery(), parsed.getProperties(), secrets));
            }
            secrets.removeIf(s -> s == null || s.isEmpty());
            return new PrintableUrl(text.toString(), true, List.copyOf(secrets));
        } catch (RuntimeException e) {
            // The driver's parser throws its own unchecked exceptions for a URL it cannot read.
            return new PrintableUrl(scheme + "//(not shown: the driver cannot parse it)", false, List.of());
        }
    }

    /** {@code message}, or a neutral phrase when it may contain the URL's authority or a password. */
    public String driverMessage(String message) {
        if (!parsed) {
            return "the URL cannot be parsed (the driver's message is not shown, as it repeats the URL); "
                    + "percent-encode a password that holds @ / : ? & or set it as the datasource's password";
        }
        for (String secret : secrets) {
            if (message.contains(secret)) {
                return "the driver rejected the URL (its message is not shown, as it repeats the URL)";
            }
        }
        return message;
    }

    private static String host(HostInfo host, List<String> secrets) {
        secrets.add(host.getPassword());
        StringBuilder text = new StringBuilder();
        if (host.getUser() != null) {
            text.append(host.getUser()).append(host.getPassword() == null ? "" : ":" + MASK).append('@');
        }
        if (!host.getHostProperties().isEmpty()) {
            List<String> properties = new ArrayList<>();
            for (Map.Entry<String, String> p : new TreeMap<>(host.getHostProperties()).entrySet()) {
                properties.add(p.getKey() + "=" + masked(p.getKey(), p.getValue(), secrets));
            }
            return text.append('(').append(String.join(",", properties)).append(')').toString();
        }
        text.append(host.getHost());
        if (host.getPort() != HostInfo.NO_PORT) {
            text.append(':').append(host.getPort());
        }
        return text.toString();
    }

    /** The query as written, pair by pair (Connector/J splits on {@code &} only), secrets masked. */
    private static String query(String query, Map<String, String> properties, List<String> secrets) {
        List<String> pairs = new ArrayList<>();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (eq < 0 || !isSecret(key)) {
                pairs.add(pair);
            } else {
                secrets.add(pair.substring(eq + 1));
                secrets.add(properties.get(key));
                pairs.add(key + "=" + MASK);
            }
        }
        return String.join("&", pairs);
    }

    private static String masked(String key, String value, List<String> secrets) {
        if (isSecret(key)) {
            secrets.add(value);
            return MASK;
        }
        return value;
    }

    /**
     * Whether a property's value is a secret: its name holds "password", "secret" or "token", in
     * any case ({@code password2}, {@code trustCertificateKeyStorePassword},
     * {@code xdevapi.password}, an OCI or cloud plugin's token). A harmless property so named is
     * masked too; a secret must never be shown.
     */
    static boolean isSecret(String key) {
        String name = key.trim().toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(name::contains);
    }
}
