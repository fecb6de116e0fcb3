package dumper.output;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.parquet.schema.MessageType;

import dumper.config.ByteSizes;
import dumper.config.Compression;
import dumper.config.DumpType;
import dumper.config.DumperConfig;
import dumper.plan.CompressionSupport;

/**
 * Builds the writer stack of a batch's part from its type's settings: text, plain or compressed
 * block by block on the compression threads; or Parquet, compressed page by page. Owns what every run and worker thread of the process
 * shares: the block buffers, the compression threads and one compressor per method and level.
 */
@ApplicationScoped
public class PartWriters implements CompressionSupport {

    /** Enough for the blocks in flight of a few batches at once; more are collected as garbage. */
    private static final int BLOCKS_KEPT = 24;

    private final DumperConfig config;
    private final int compressionThreads;
    private final int blockSize;
    private final BlockPool blocks;
    private DeflatePool compressors;
    private final Map<String, BlockCompressor> compressorsByLevel = new ConcurrentHashMap<>();

    PartWriters(DumperConfig config) {
        this.config = config;
        this.compressionThreads = config.compressionThreads() > 0 ? config.compressionThreads()
                : Runtime.getRuntime().availableProcessors();
        this.blockSize = ByteSizes.blockSize(config);
        this.blocks = new BlockPool(blockSize, BLOCKS_KEPT);
    }

    /** The sink a batch of a text {@code type} writes its rows into, down to {@code part}'s file. */
    public ByteSink open(StagedOutput.Part part, DumpType type) {
        BlockWriter writer = type.compression() == Compression.NONE
                ? new PlainBlockWriter(part.channel(), blocks)
                : new GzipBlockWriter(part.channel(), compressors(), compressor(type), blocks);
        return new ByteSink(writer, blockSize);
    }

    /** The sink a batch of a Parquet {@code type} writes its rows into, as {@code schema}, down to {@code part}'s file. */
    public ParquetSink openParquet(StagedOutput.Part part, DumpType type, MessageType schema) {
        PageCompressors pages = PageCompressors.of(type.compression(),
                type.compression().maxLevel == 0 ? null : compressor(type));
        return new ParquetSink(part.channel(), schema, pages, ParquetLayout.of(ByteSizes.rowGroupSize(config)));
    }

    @Override
    public void requireAvailable(Compression compression) {
        Compressors.requireAvailable(compression);
    }

    /** One compressor per method and level for the process: native ones keep their state for reuse. */
    private BlockCompressor compressor(DumpType type) {
        return compressorsByLevel.computeIfAbsent(type.compression() + "-" + type.compressionLevel(),
                key -> Compressors.create(type.compression(), type.compressionLevel(), config.nativeCompression()));
    }

    /** One deflate pool for the process: runs and worker threads share the cores. */
    private synchronized DeflatePool compressors() {
        if (compressors == null) {
            compressors = new DeflatePool(compressionThreads);
        }
        return compressors;
    }
}
