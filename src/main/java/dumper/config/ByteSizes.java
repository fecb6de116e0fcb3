package dumper.config;

import java.util.OptionalLong;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;

/**
 * The global settings that are sizes ({@code dumper.block-size}, {@code dumper.source.max-row-size},
 * {@code dumper.parquet.row-group-size}, {@code dumper.guard.bytes-per-second}, {@code dumper.s3.part-size}),
 * written as bytes or with K, M or G. They are text in {@link DumperConfig}: converted there, a
 * typo or a size out of range would stop start-up with the framework's text and exit code 1.
 */
public final class ByteSizes {

    static final long MIN_BLOCK = 64 * 1024;
    static final long MAX_BLOCK = 64L * 1024 * 1024;
    static final long MIN_ROW = 1024;
    /** Connector/J holds a row in one array: at most 2 GB. */
    static final long MAX_ROW = 2047L * 1024 * 1024;
    static final long MIN_ROW_GROUP = 64 * 1024;
    /** Each export thread holds one row group: beyond this, two threads no longer fit a small container. */
    static final long MAX_ROW_GROUP = 128L * 1024 * 1024;
    /** S3's smallest part but the last, and its largest. */
    static final long MIN_PART = 5L * 1024 * 1024;
    static final long MAX_PART = 5L * 1024 * 1024 * 1024;

    private ByteSizes() {
    }

    /** Uncompressed bytes per block. */
    public static int blockSize(DumperConfig config) {
        return (int) parse("dumper.block-size", config.blockSize(), MIN_BLOCK, MAX_BLOCK);
    }

    /** The largest row accepted, when set. */
    public static OptionalLong maxRowSize(DumperConfig config) {
        return config.source().maxRowSize().map(text -> OptionalLong.of(parse("dumper.source.max-row-size", text, MIN_ROW, MAX_ROW)))
                .orElse(OptionalLong.empty());
    }

    /** Compressed bytes a Parquet row group grows to before it is written out. */
    public static int rowGroupSize(DumperConfig config) {
        return (int) parse("dumper.parquet.row-group-size", config.parquet().rowGroupSize(), MIN_ROW_GROUP, MAX_ROW_GROUP);
    }

    /** The cap on every run's bytes of text per second; 0 when none is set. */
    public static long bytesPerSecond(DumperConfig config) {
        return config.guard().bytesPerSecond().map(text -> parse("dumper.guard.bytes-per-second", text, 1, Long.MAX_VALUE))
                .orElse(0L);
    }

    /** Bytes per part of a multipart upload to an object store. */
    public static long partSize(DumperConfig.S3 s3) {
        return parse("dumper.s3.part-size", s3.partSize(), MIN_PART, MAX_PART);
    }

    static long parse(String key, String text, long min, long max) {
        long bytes;
        try {
            MemorySize size = new MemorySizeConverter().convert(text.strip());
            bytes = size == null ? -1 : size.asLongValue();
        } catch (RuntimeException e) {
            bytes = -1;
        }
        if (bytes < 0) {
            throw new ConfigProblem(key + "=" + text + " is not a size; write bytes, or a number with K, M or G such as 16M");
        }
        if (bytes < min || bytes > max) {
            throw new ConfigProblem(key + "=" + text + " is out of range; use between " + human(min) + " and " + human(max));
        }
        return bytes;
    }

    private static String human(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "M";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + "K" : bytes + " bytes";
    }
}
