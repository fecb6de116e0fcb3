// The analyst's query on one exported file, through DuckDB: the benchmark's independent reader
// (issue 24). There may be no duckdb command on the machine, so bench/run.sh runs this file with
// the DuckDB JDBC jar the build already fetched (test scope in pom.xml):
//
//   java --enable-native-access=ALL-UNNAMED -cp duckdb_jdbc-<version>.jar bench/DuckQuery.java FILE COLUMN RUNS
//
// FILE ending in .parquet is read with read_parquet, anything else (dumper's .csv.gz, .csv) with
// read_csv_auto. Prints one line: rows, sum(COLUMN), the best seconds of RUNS runs, every run's
// seconds ("/"-separated), DuckDB's version and, for Parquet, the codecs of its column chunks as
// the file's metadata names them (","-separated; "-" for text): the bench's check that the file
// was compressed as asked. Each run gets a fresh in-memory database, so no run reuses what an
// earlier one cached (only the OS page cache is shared, warm for both files, which were just
// written); the time is the query's and the fetch of its one row, not the start of the JVM or
// of the database.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

public class DuckQuery {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java -cp duckdb_jdbc.jar bench/DuckQuery.java FILE COLUMN RUNS");
            System.exit(2);
        }
        String file = args[0].replace("'", "''");
        String column = "\"" + args[1].replace("\"", "\"\"") + "\"";
        int runs = Integer.parseInt(args[2]);
        String source = args[0].endsWith(".parquet") ? "read_parquet('" + file + "')" : "read_csv_auto('" + file + "')";
        String sql = "SELECT count(*), sum(" + column + ") FROM " + source;
        Class.forName("org.duckdb.DuckDBDriver");
        String rows = null;
        String sum = null;
        String version = null;
        String codecs = "-";
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
                long t0 = System.nanoTime();
                try (ResultSet r = s.executeQuery(sql)) {
                    r.next();
                    String n = r.getString(1);
                    String total = r.getString(2);
                    seconds.add((System.nanoTime() - t0) / 1e9);
                    // Every run must see the same rows: a reader that differs between runs is no reference.
                    if (rows != null && (!rows.equals(n) || !String.valueOf(sum).equals(String.valueOf(total)))) {
                        throw new IllegalStateException("run " + (i + 1) + " read " + n + " rows, sum " + total
                                + "; the first read " + rows + ", sum " + sum);
                    }
                    rows = n;
                    sum = total;
                }
                if (version == null) {
                    try (ResultSet r = s.executeQuery("SELECT version()")) {
                        r.next();
                        version = r.getString(1);
                    }
                    if (source.startsWith("read_parquet")) {
                        try (ResultSet r = s.executeQuery("SELECT string_agg(DISTINCT compression, ',' ORDER BY compression)"
                                + " FROM parquet_metadata('" + file + "')")) {
                            r.next();
                            codecs = r.getString(1);
                        }
                    }
                }
            }
        }
        double best = seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        List<String> all = seconds.stream().map(x -> String.format(Locale.ROOT, "%.3f", x)).toList();
        System.out.printf(Locale.ROOT, "%s %s %.3f %s %s %s%n", rows, sum, best, String.join("/", all), version, codecs);
    }
}
