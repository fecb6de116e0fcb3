package dumper.it;

import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.sha256;
import static dumper.it.ParquetReaders.duckdb;
import static dumper.it.ParquetReaders.footer;
import static dumper.it.ParquetReaders.parquetJava;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type.Repetition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * format=parquet, read back by two independent readers (DuckDB and parquet-java's) and compared
 * value by value with what the server holds: every column type of the CSV fidelity table, a
 * 1.6 MB TEXT of 4-byte characters, files joined from many batches (each its own row groups),
 * every codec, one file per batch, a run killed and resumed, and columns Parquet cannot hold.
 */
class ParquetIT {

    private static final Map<String, String> TYPES = new HashMap<>();
    /** A TEXT value of 400,000 four-byte characters in the first row, the empty string in the others. */
    private static final String HUGE = "IF(a.id = 1, REPEAT('😀', 400000), '') AS c_huge";

    @BeforeAll
    static void types() {
        TestDatabase.ensureStarted();
        parquet("alltypespq", "SELECT a.*, " + HUGE + " FROM alltypes a ORDER BY a.id", "prohibited");
        for (String variant : new String[] {"zmpq", "zmpqsnappy:compression=snappy", "zmpqgzip:compression=gzip",
            "zmpqweekly:files=batch"}) {
            String name = variant.split(":")[0];
            TYPES.put("dumper.dumps." + name + ".query-file", "queries/zm.sql");
            TYPES.put("dumper.dumps." + name + ".date-range", "required");
            TYPES.put("dumper.dumps." + name + ".batch", "P7D");
            TYPES.put("dumper.dumps." + name + ".format", "parquet");
            if (variant.contains(":")) {
                String setting = variant.split(":")[1];
                TYPES.put("dumper.dumps." + name + "." + setting.split("=")[0], setting.split("=")[1]);
            }
        }
        // 0.3 s per weekly batch: time to kill it mid-run.
        parquet("slowpq", "SELECT e.id, e.event_time, e.notes FROM vaccination_event e JOIN (SELECT SLEEP(0.3) AS pause) p "
                + "WHERE e.event_time >= :start AND e.event_time < :end ORDER BY e.event_time, e.id", "required");
        TYPES.put("dumper.dumps.slowpq.batch", "P7D");
        parquet("nullpq", "SELECT id, NULL AS nothing FROM alltypes", "prohibited");
        parquet("duppq", "SELECT id, c_int AS id FROM alltypes", "prohibited");
    }

    private static void parquet(String name, String sql, String dateRange) {
        TYPES.putAll(TestDatabase.type(name, sql, dateRange));
        TYPES.put("dumper.dumps." + name + ".format", "parquet");
    }

    private static List<String> run(Path out, String... args) throws Exception {
        Path log = Files.createTempFile(TestDatabase.outputDir, "parquet", ".log");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--output-dir", out.toString()));
        int exit = PackagedApp.run(log, TYPES, all.toArray(String[]::new));
        List<String> lines = Files.readAllLines(log);
        lines.add("exit " + exit);
        return lines;
    }

    private static void assertSucceeded(List<String> lines) {
        assertThat(lines.get(lines.size() - 1)).as(String.join("\n", lines)).isEqualTo("exit 0");
    }

    /** How a column of the fidelity table is compared, as each side renders it. */
    private enum Kind {
        INT, YEAR, DECIMAL, WIDE_DECIMAL, FLOAT, DOUBLE, BOOL, BITS, DATE, DATETIME, TIME, TEXT, BYTES;

        static Kind of(String dataType, long precision) {
            return switch (dataType) {
                case "tinyint", "smallint", "mediumint", "int", "bigint" -> INT;
                case "year" -> YEAR;
                case "decimal" -> precision > 38 ? WIDE_DECIMAL : DECIMAL;
                case "float" -> FLOAT;
                case "double" -> DOUBLE;
                case "bit" -> precision == 1 ? BOOL : BITS;
                case "date" -> DATE;
                case "datetime", "timestamp" -> DATETIME;
                case "time" -> TIME;
                case "binary", "varbinary", "blob", "tinyblob", "mediumblob", "longblob" -> BYTES;
                default -> TEXT;
            };
        }

        /** The server's own rendering, through a different path than dumper's: SQL functions. */
        String server(String c, long precision) {
            return switch (this) {
                case YEAR -> "CAST(" + c + " + 0 AS CHAR)";
                case BOOL -> "IF(" + c + " IS NULL, NULL, IF(" + c + " = 1, 'true', 'false'))";
                case BITS -> "LPAD(HEX(" + c + "), " + ((precision + 7) / 8 * 2) + ", '0')";
                case DATE -> "IF(MONTH(" + c + ") = 0 OR DAY(" + c + ") = 0, NULL, CAST(" + c + " AS CHAR))";
                case DATETIME -> "IF(MONTH(" + c + ") = 0 OR DAY(" + c + ") = 0, NULL, "
                        + "CAST(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', " + c + ") AS CHAR))";
                case TIME -> "CAST(TIMESTAMPDIFF(MICROSECOND, '2000-01-01', TIMESTAMP('2000-01-01', " + c + ")) AS CHAR)";
                case BYTES -> "HEX(" + c + ")";
                default -> "CAST(" + c + " AS CHAR)";
            };
        }

        /** DuckDB's rendering of the column it read. */
        String duckdb(String c) {
            return switch (this) {
                case BITS, BYTES -> "hex(" + c + ")";
                case DATETIME -> "CAST(epoch_us(" + c + ") AS VARCHAR)";
                default -> "CAST(" + c + " AS VARCHAR)";
            };
        }

        /** Floating-point values compare as the numbers they are, whatever the digits each side prints. */
        String normalized(String value) {
            if (value == null) {
                return null;
            }
            return switch (this) {
                case FLOAT -> String.valueOf(Float.parseFloat(value));
                case DOUBLE -> String.valueOf(Double.parseDouble(value));
                default -> value;
            };
        }
    }

    private record SourceColumn(String name, Kind kind, long precision) {
    }

    @Test
    void every_column_type_reads_back_value_by_value_with_duckdb_and_parquet_java() throws Exception {
        Path out = ItSupport.newOutputDir("parquet-fidelity");
        assertSucceeded(run(out, "--dump", "alltypespq"));
        Path file = ItSupport.onlyFile(out);
        assertThat(file.getFileName().toString()).endsWith(".parquet");

        List<SourceColumn> columns = new ArrayList<>();
        for (List<String> c : query("SELECT column_name, data_type, COALESCE(numeric_precision, 0) FROM information_schema.columns "
                + "WHERE table_schema = DATABASE() AND table_name = 'alltypes' ORDER BY ordinal_position")) {
            long precision = Long.parseLong(c.get(2));
            columns.add(new SourceColumn(c.get(0), Kind.of(c.get(1).toLowerCase(), precision), precision));
        }
        columns.add(new SourceColumn("c_huge", Kind.TEXT, 0));
        List<List<String>> expected = normalized(columns, query("SELECT " + String.join(", ", columns.stream()
                .map(c -> c.name().equals("c_huge") ? HUGE : c.kind().server("a." + c.name(), c.precision())).toList())
                + " FROM alltypes a ORDER BY a.id"));

        // parquet-java: every column, decimals of 65 digits included.
        assertThat(normalized(columns, parquetJava(file))).containsExactlyElementsOf(expected);

        // DuckDB: every column but DECIMAL wider than 38 digits, which DuckDB reads as DOUBLE (docs/operations.md).
        List<SourceColumn> narrow = columns.stream().filter(c -> c.kind() != Kind.WIDE_DECIMAL).toList();
        List<List<String>> read = duckdb("SELECT " + String.join(", ", narrow.stream().map(c -> c.kind().duckdb(c.name()))
                .toList()) + " FROM read_parquet('" + file + "') ORDER BY id");
        List<List<String>> expectedNarrow = expected.stream().map(row -> narrow.stream().map(c -> row.get(columns.indexOf(c)))
                .toList()).toList();
        assertThat(normalized(narrow, read)).containsExactlyElementsOf(expectedNarrow);

        // Awkward values by name, so a failure says which.
        List<String> max = expected.get(0);
        assertThat(max.get(index(columns, "c_decimal"))).isEqualTo("-99999999999999999999999999999999999.999999999999999999999999999999");
        assertThat(max.get(index(columns, "c_ubigint"))).isEqualTo("18446744073709551615");
        assertThat(max.get(index(columns, "c_time"))).isEqualTo("-3020399000000");
        assertThat(max.get(index(columns, "c_huge"))).hasSize(800_000);
        assertThat(expected.get(1).get(index(columns, "c_varchar"))).isEmpty();
        assertThat(expected.get(2).get(index(columns, "c_varchar"))).isNull();
        assertThat(expected.get(3).get(index(columns, "c_date"))).isNull();
        assertThat(expected.get(3).get(index(columns, "c_varchar"))).isEqualTo("👩🏽‍⚕️ Chipo Mwanza-Ngozi, José — 日本語");

        // The types a reader sees, and nullability as the server says.
        Map<String, String> duckTypes = new HashMap<>();
        duckdb("DESCRIBE SELECT * FROM read_parquet('" + file + "')").forEach(row -> duckTypes.put(row.get(0), row.get(1)));
        assertThat(duckTypes).containsEntry("c_tinyint", "TINYINT").containsEntry("c_ubigint", "DECIMAL(20,0)")
                .containsEntry("c_money", "DECIMAL(12,2)").containsEntry("c_bit1", "BOOLEAN").containsEntry("c_bit64", "BLOB")
                .containsEntry("c_date", "DATE").containsEntry("c_datetime6", "TIMESTAMP").containsEntry("c_timestamp", "TIMESTAMP")
                .containsEntry("c_time", "BIGINT").containsEntry("c_year", "SMALLINT").containsEntry("c_json", "VARCHAR")
                .containsEntry("c_blob", "BLOB").containsEntry("c_float", "FLOAT").containsEntry("c_double", "DOUBLE");
        MessageType schema = footer(file).getFileMetaData().getSchema();
        assertThat(schema.getType("id").getRepetition()).isEqualTo(Repetition.REQUIRED);
        assertThat(schema.getType("c_varchar").getRepetition()).isEqualTo(Repetition.OPTIONAL);
    }

    private static int index(List<SourceColumn> columns, String name) {
        return columns.stream().map(SourceColumn::name).toList().indexOf(name);
    }

    private static List<List<String>> normalized(List<SourceColumn> columns, List<List<String>> rows) {
        return rows.stream().map(row -> {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(columns.get(i).kind().normalized(row.get(i)));
            }
            return values;
        }).toList();
    }

    @Test
    void batches_join_into_one_file_of_their_row_groups_in_every_codec() throws Exception {
        List<List<String>> source = query("SELECT COUNT(*), SUM(dose_number), MIN(id), MAX(id) FROM vaccination_event "
                + "WHERE event_time >= '2024-01-01' AND event_time < '2024-04-01'");
        for (String type : List.of("zmpq", "zmpqsnappy", "zmpqgzip")) {
            Path out = ItSupport.newOutputDir("parquet-" + type);
            assertSucceeded(run(out, "--dump", type, "2024-01-01", "2024-03-31"));
            Path file = out.resolve(type + "_2024-01-01_2024-03-31.parquet");

            assertThat(duckdb("SELECT COUNT(*), SUM(dose_number), MIN(event_id), MAX(event_id) FROM read_parquet('" + file + "')"))
                    .as(type).isEqualTo(source);
            ParquetMetadata footer = footer(file);
            // 13 weekly batches, each its own row group, in batch order.
            assertThat(footer.getBlocks()).as(type).hasSize(13);
            assertThat(footer.getBlocks()).extracting(block -> block.getColumns().get(0).getCodec())
                    .containsOnly(CompressionCodecName.valueOf(type.equals("zmpq") ? "ZSTD"
                            : type.equals("zmpqsnappy") ? "SNAPPY" : "GZIP"));
            assertThat(footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum())
                    .isEqualTo(Long.parseLong(source.get(0).get(0)));
            List<List<String>> rows = parquetJava(file);
            assertThat(rows).hasSize(Integer.parseInt(source.get(0).get(0)));
            assertThat(rows).extracting(row -> row.get(1)).isSorted();
        }
    }

    @Test
    void one_file_per_batch_is_a_parquet_file_each() throws Exception {
        Path out = ItSupport.newOutputDir("parquet-weekly");
        assertSucceeded(run(out, "--dump", "zmpqweekly", "2024-01-01", "2024-01-21"));
        List<Path> files = ItSupport.visibleFiles(out).stream().filter(f -> f.toString().endsWith(".parquet")).toList();
        assertThat(files).hasSize(3);
        long rows = 0;
        for (Path file : files) {
            assertThat(footer(file).getBlocks()).hasSize(1);
            rows += Long.parseLong(duckdb("SELECT COUNT(*) FROM read_parquet('" + file + "')").get(0).get(0));
        }
        assertThat(String.valueOf(rows)).isEqualTo(query("SELECT COUNT(*) FROM vaccination_event "
                + "WHERE event_time >= '2024-01-01' AND event_time < '2024-01-22'").get(0).get(0));
    }

    @Test
    void a_run_killed_and_resumed_writes_the_same_bytes_as_one_never_interrupted() throws Exception {
        String[] args = {"--dump", "slowpq", "2024-01-01", "2024-03-31"};
        String name = "slowpq_2024-01-01_2024-03-31.parquet";
        Path reference = ItSupport.newOutputDir("parquet-reference");
        assertSucceeded(run(reference, args));

        Path out = ItSupport.newOutputDir("parquet-killed");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--output-dir", out.toString()));
        Process process = PackagedApp.start(out.resolve("first-attempt.log"), TYPES, all.toArray(String[]::new));
        PackagedApp.awaitFile(out.resolve(String.format(".dumper/%s/%06d.done", name, 4)), process, PackagedApp.PATIENCE_SECONDS);
        PackagedApp.kill9(process);
        assertThat(out.resolve(name)).doesNotExist();

        List<String> resumed = run(out, args);
        assertSucceeded(resumed);
        // Which batches besides the fourth were done when the kill landed depends on the machine
        // (two threads: under load batch 4 was done before batch 3); that some were kept does not.
        assertThat(resumed).anyMatch(line -> line.matches(".* \\d+ of 13 batch\\(es\\) already finished by an earlier run, kept: .*"));
        assertThat(sha256(out.resolve(name))).isEqualTo(sha256(reference.resolve(name)));
        assertThat(duckdb("SELECT COUNT(*) FROM read_parquet('" + out.resolve(name) + "')").get(0).get(0))
                .isEqualTo(query("SELECT COUNT(*) FROM vaccination_event WHERE event_time >= '2024-01-01' "
                        + "AND event_time < '2024-04-01'").get(0).get(0));
    }

    @Test
    void two_workers_make_the_same_file_as_one_process() throws Exception {
        // zmparquet is the example type of application.properties, which workers read too.
        String name = "zmparquet_2024-01-01_2024-03-31.parquet";
        Path reference = ItSupport.newOutputDir("parquet-local");
        assertSucceeded(run(reference, "--dump", "zmparquet", "2024-01-01", "2024-03-31"));

        Path out = ItSupport.newOutputDir("parquet-distributed");
        List<Process> workers = new ArrayList<>();
        try {
            for (int i = 1; i <= 2; i++) {
                // A worker writes into the coordinator's output directory (shared storage).
                workers.add(PackagedApp.start(out.resolve("worker-" + i + ".log"),
                        Map.of("quarkus.http.port", "0", "dumper.output-dir", out.toString()), "worker"));
            }
            List<String> coordinator = run(out, "--dump", "zmparquet", "2024-01-01", "2024-03-31", "--distributed", "--fresh");
            assertSucceeded(coordinator);
            assertThat(coordinator).anyMatch(line -> line.contains("13 batch(es) queued"));
        } finally {
            for (Process worker : workers) {
                PackagedApp.kill9(worker);
            }
            TestBroker.purge();
        }
        assertThat(sha256(out.resolve(name))).isEqualTo(sha256(reference.resolve(name)));
        assertThat(Files.readString(out.resolve("worker-1.log")) + Files.readString(out.resolve("worker-2.log")))
                .as("the workers exported the batches").contains("done");
    }

    @Test
    void a_column_parquet_cannot_hold_is_refused_in_one_line_that_names_it() throws Exception {
        assertRefused(run(ItSupport.newOutputDir("parquet-null"), "--dump", "nullpq"), "column nothing of type NULL", "CAST");
        assertRefused(run(ItSupport.newOutputDir("parquet-dup"), "--dump", "duppq"), "more than one column named id", "AS");
    }

    private static void assertRefused(List<String> lines, String... phrases) {
        List<String> errors = lines.stream().filter(l -> l.startsWith("dumper: ")).toList();
        assertThat(errors).as(String.join("\n", lines)).hasSize(1);
        assertThat(errors.get(0)).contains(phrases);
        assertThat(lines).noneMatch(l -> l.contains("Exception") || l.startsWith("\tat "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("exit 3");
    }
}
