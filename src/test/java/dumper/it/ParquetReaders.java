package dumper.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;

/**
 * Two readers of Parquet files that share nothing with dumper's writer: DuckDB (its own C++
 * reader) and parquet-java's reader, with pure-Java decompressors, every value as text.
 */
final class ParquetReaders {

    private ParquetReaders() {
    }

    /** The rows of {@code sql} run by an in-memory DuckDB, every value as DuckDB renders it (null as null). */
    static List<List<String>> duckdb(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }

    static ParquetMetadata footer(Path file) {
        try (ParquetFileReader reader = open(file)) {
            return reader.getFooter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every row of {@code file} through parquet-java's reader, a value per column as text:
     * decimals exact, dates ISO, timestamps and times as microseconds, bytes as upper-case hex.
     */
    static List<List<String>> parquetJava(Path file) {
        List<List<String>> rows = new ArrayList<>();
        try (ParquetFileReader reader = open(file)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group group = records.read();
                    List<String> row = new ArrayList<>();
                    for (int field = 0; field < schema.getFieldCount(); field++) {
                        row.add(text(group, field, schema.getType(field).asPrimitiveType()));
                    }
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static ParquetFileReader open(Path file) throws IOException {
        ParquetReadOptions options = new ParquetReadOptions.Builder(new PlainParquetConfiguration())
                .withCodecFactory(new Decompressors()).build();
        return ParquetFileReader.open(new LocalInputFile(file), options);
    }

    private static String text(Group group, int field, PrimitiveType type) {
        if (group.getFieldRepetitionCount(field) == 0) {
            return null;
        }
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            BigInteger unscaled = switch (type.getPrimitiveTypeName()) {
                case INT32 -> BigInteger.valueOf(group.getInteger(field, 0));
                case INT64 -> BigInteger.valueOf(group.getLong(field, 0));
                default -> new BigInteger(group.getBinary(field, 0).getBytes());
            };
            return new BigDecimal(unscaled, decimal.getScale()).toPlainString();
        }
        if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return LocalDate.ofEpochDay(group.getInteger(field, 0)).toString();
        }
        if (annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
            return group.getString(field, 0);
        }
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> String.valueOf(group.getInteger(field, 0));
            case INT64 -> String.valueOf(group.getLong(field, 0));
            case BOOLEAN -> String.valueOf(group.getBoolean(field, 0));
            case FLOAT -> String.valueOf(group.getFloat(field, 0));
            case DOUBLE -> String.valueOf(group.getDouble(field, 0));
            default -> HexFormat.of().withUpperCase().formatHex(group.getBinary(field, 0).getBytes());
        };
    }

    /** zstd and snappy through aircompressor's pure Java, gzip through java.util.zip. */
    private static final class Decompressors implements CompressionCodecFactory {

        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
            return new BytesInputDecompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                    byte[] in = bytes.toByteArray();
                    byte[] out = new byte[uncompressedSize];
                    switch (codecName) {
                        case UNCOMPRESSED -> {
                            return BytesInput.from(in);
                        }
                        case ZSTD -> new ZstdJavaDecompressor().decompress(in, 0, in.length, out, 0, out.length);
                        case SNAPPY -> new SnappyJavaDecompressor().decompress(in, 0, in.length, out, 0, out.length);
                        case GZIP -> {
                            try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(in))) {
                                gzip.readNBytes(out, 0, out.length);
                            }
                        }
                        default -> throw new IOException("no decompressor for " + codecName);
                    }
                    return BytesInput.from(out);
                }

                @Override
                public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                        throws IOException {
                    byte[] in = new byte[compressedSize];
                    input.get(in);
                    output.put(decompress(BytesInput.from(in), decompressedSize).toByteArray());
                }

                @Override
                public void release() {
                }
            };
        }

        @Override
        public void release() {
        }
    }
}
