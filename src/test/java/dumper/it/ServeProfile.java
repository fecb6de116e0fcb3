package dumper.it;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service as an operator would run it, against the test database reached through a
 * {@link TcpProxy} (so a test can cut it off), with a token and some fast schedules.
 */
public class ServeProfile implements QuarkusTestProfile {

    static final String TOKEN = "test-token-123";
    static TcpProxy proxy;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(TestDatabase.ensureStarted());
        synchronized (ServeProfile.class) {
            if (proxy == null) {
                proxy = new TcpProxy(TestDatabase.host(), TestDatabase.port());
                proxy.start();
            }
        }
        config.put("quarkus.datasource.jdbc.url", "jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + TestDatabase.database
                + TestDatabase.jdbcOptions());
        config.put("dumper.mode", "serve");
        config.put("dumper.serve.api-token", TOKEN);
        config.put("dumper.serve.parallel-runs", "4");
        // Two types fire together every 3 s; a slow one every second must never overlap itself.
        for (String type : new String[] {"tickzm", "tickmcct"}) {
            String table = type.equals("tickzm") ? "vaccination_event" : "cash_transfer_payment";
            String column = type.equals("tickzm") ? "event_time" : "paid_at";
            config.putAll(TestDatabase.type(type, "SELECT id FROM " + table + " WHERE " + column + " >= :start AND "
                    + column + " < :end", "optional"));
            config.put("dumper.dumps." + type + ".window", "PT1H");
            config.put("dumper.dumps." + type + ".schedule", "*/3 * * * * ?");
        }
        config.putAll(TestDatabase.type("tickslow", "SELECT 1 AS one FROM (SELECT SLEEP(2) AS pause) p WHERE :start < :end",
                "optional"));
        config.put("dumper.dumps.tickslow.window", "PT1H");
        config.put("dumper.dumps.tickslow.schedule", "* * * * * ?");
        // Snapshots of April in ReplaceIT's table, every 2 s under a fixed name: one type keeps
        // its published file when the rows change, the other replaces it.
        ReplaceIT.createTheChangingTable();
        for (String type : new String[] {"snapkeep", "snapreplace"}) {
            config.putAll(TestDatabase.type(type, "SELECT id, note FROM changing_event WHERE ts >= '2024-04-01' "
                    + "AND ts < '2024-05-01' ORDER BY id", "prohibited"));
            config.put("dumper.dumps." + type + ".file-name", type + ".csv.gz");
            config.put("dumper.dumps." + type + ".schedule", "*/2 * * * * ?");
        }
        config.put("dumper.dumps.snapreplace.replace", "true");
        return config;
    }
}
