package dumper.guard;

/** What the guard watches on a source server, as operators name it in messages and metrics. */
public enum Signal {
    THREADS_RUNNING("Threads_running", "no privilege"),
    HISTORY_LIST_LENGTH("history list length", "PROCESS"),
    REPLICA_LAG("replica lag", "REPLICA MONITOR (MariaDB) or REPLICATION CLIENT (MySQL)"),
    THROTTLE_QUERY("throttle query", "what the query reads");

    /** The name in messages: {@code Threads_running 41 > 30}. */
    public final String label;
    /** What the monitor's user needs to read it. */
    final String privilege;

    Signal(String label, String privilege) {
        this.label = label;
        this.privilege = privilege;
    }

    /** The name in metrics. */
    public String metricName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
