package dumper.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dumper.config.Compression;

/**
 * Parquet parts staged like text parts (out of order, one straight into the file, two as parts
 * of their own) make one Parquet file whose footer holds every part's row groups, read by DuckDB.
 */
class ParquetJoinTest {

    private static final String FILE = "zm.parquet";
    private static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named("id")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name")
            .named("row");

    @TempDir
    Path out;

    /** Rows {@code from} to {@code to - 1}: id, and its name ("n17"), NULL for every tenth. */
    private static void write(StagedOutput staged, StagedOutput.Part part, int from, int to) throws Exception {
        ParquetSink sink = new ParquetSink(part.channel(), SCHEMA, PageCompressors.of(Compression.NONE, null),
                new ParquetLayout(16 * 1024, 4 * 1024, 4 * 1024));
        for (int id = from; id < to; id++) {
            int value = id;
            sink.write(consumer -> {
                consumer.startMessage();
                consumer.startField("id", 0);
                consumer.addLong(value);
                consumer.endField("id", 0);
                if (value % 10 != 0) {
                    consumer.startField("name", 1);
                    consumer.addBinary(Binary.fromString("n" + value));
                    consumer.endField("name", 1);
                }
                consumer.endMessage();
            });
        }
        sink.close();
        staged.commitPart(part, new BatchStats(part.batch(), to - from, sink.bytes(), sink.fileBytes()));
    }

    @Test
    void parts_finished_out_of_order_join_into_one_parquet_file_of_all_their_row_groups() throws Exception {
        StagedOutput.Assembled file;
        try (StagedOutput staged = StagedOutput.open(out, "run", Map.of(FILE, List.of(1, 2, 3)), "plan", false, true)) {
            write(staged, staged.createPart(3), 20_000, 20_001);
            write(staged, staged.createPart(2), 5_000, 20_000);
            StagedOutput.Part first = staged.createPart(1);
            assertThat(first.joined()).isTrue();
            write(staged, first, 0, 5_000);
            file = staged.assemble(List.of(1, 2, 3), FILE);
        }
        List<String> read = duckdb("SELECT COUNT(*), COUNT(name), MIN(id), MAX(id), SUM(id), "
                + "COUNT(*) FILTER (WHERE name = 'n' || id) FROM read_parquet('" + file.path() + "')");
        assertThat(read).containsExactly("20001", "18000", "0", "20000", String.valueOf(20_000L * 20_001 / 2), "18000");
        // Row groups of 16 KB: several per part, all of them in the joined footer, in batch order.
        List<String> groups = duckdb("SELECT COUNT(DISTINCT row_group_id) FROM parquet_metadata('" + file.path() + "')");
        assertThat(Integer.parseInt(groups.get(0))).isGreaterThan(3);
        assertThat(duckdb("SELECT bool_and(id = file_row_number) FROM read_parquet('" + file.path()
                + "', file_row_number = true)")).containsExactly("true");
    }

    private static List<String> duckdb(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(rs.getString(i));
            }
            return row;
        }
    }
}
