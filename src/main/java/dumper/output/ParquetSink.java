package dumper.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * A batch's part as a Parquet file of its own: rows go in as typed values, and leave in row
 * groups of at most the configured size, each column chunk dictionary-encoded where that pays and
 * compressed page by page. parquet-java's writer runs on parquet's own configuration and output
 * file, so none of Hadoop's classes are loaded. Memory per part: one row group's pages (the
 * row-group size, compressed) plus one page and one dictionary being filled per column.
 */
public final class ParquetSink implements PartSink {

    /** One row's values, handed to parquet's record consumer field by field. */
    public interface Row {
        void writeTo(RecordConsumer consumer);
    }

    private final PartFile file;
    private final ParquetWriter<Row> writer;
    private long bytes;
    private boolean closed;

    ParquetSink(FileChannel channel, MessageType schema, PageCompressors pages, ParquetLayout layout) {
        this.file = new PartFile(channel);
        try {
            this.writer = new Builder(file, new RowSupport(schema))
                    .withConf(new PlainParquetConfiguration())
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCodecFactory(pages)
                    .withCompressionCodec(pages.codecName())
                    .withRowGroupSize(layout.rowGroupBytes())
                    .withPageSize(layout.pageBytes())
                    .withDictionaryPageSize(layout.dictionaryBytes())
                    .withDictionaryEncoding(true)
                    .withMaxPaddingSize(0)
                    .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                    .build();
        } catch (IOException e) {
            file.abandon();
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one row; a full row group goes to the file. */
    public void write(Row row) {
        try {
            writer.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void endRow() {
        // write() takes whole rows.
    }

    @Override
    public long bytes() {
        return closed ? bytes : writer.getDataSize();
    }

    @Override
    public long fileBytes() {
        return file.position();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        closed = true;
        bytes = writer.getFooter().getBlocks().stream().mapToLong(BlockMetaData::getTotalByteSize).sum();
    }

    @Override
    public void abandon() {
        file.abandon();
    }

    /** Where parquet-java's writer gets the schema and each row's values. */
    private static final class RowSupport extends WriteSupport<Row> {

        private final MessageType schema;
        private RecordConsumer consumer;

        RowSupport(MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(Configuration configuration) {
            throw new UnsupportedOperationException("dumper writes Parquet without Hadoop");
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Row row) {
            row.writeTo(consumer);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {

        private final RowSupport support;

        Builder(PartFile file, RowSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration configuration) {
            throw new UnsupportedOperationException("dumper writes Parquet without Hadoop");
        }
    }
}
