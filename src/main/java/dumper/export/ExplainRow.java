package dumper.export;

/**
 * One row of the server's EXPLAIN of a batch's query: the table, its access type ({@code ALL} is
 * a full table scan, {@code index} a full index scan), the index used (null for none) and the estimated rows (null when the
 * server gives none).
 */
public record ExplainRow(String table, String access, String key, String rows) {

    /**
     * True when the server reads all of a real table for this query: every row ({@code ALL}) or
     * every entry of an index ({@code index}, a full index scan).
     */
    public boolean fullScan() {
        return ("ALL".equals(access) || "index".equals(access)) && table != null && !table.startsWith("<");
    }

    /** As {@code dumper check} prints it: {@code e: range on idx_event_time, ~1,234 rows}. */
    public String describe() {
        return table + ": " + access + (key == null ? "" : " on " + key) + (rows == null ? "" : ", ~" + rows + " rows");
    }
}
