package dumper.output;

import java.io.IOException;
import java.util.Arrays;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import io.airlift.compress.v3.snappy.SnappyJavaCompressor;

import dumper.config.Compression;

/**
 * Compresses Parquet pages with dumper's own compressors instead of the codecs parquet-java would
 * load through Hadoop: zstd through libzstd and gzip through libdeflate or zlib (a zstd frame or
 * a gzip member is exactly what a Parquet page of those codecs holds), snappy through
 * aircompressor's pure Java. dumper only writes, so it has no decompressors.
 */
final class PageCompressors implements CompressionCodecFactory {

    private final BytesInputCompressor compressor;

    private PageCompressors(BytesInputCompressor compressor) {
        this.compressor = compressor;
    }

    /** Pages compressed with {@code compression}; {@code blocks} is the zstd or gzip compressor at the type's level. */
    static PageCompressors of(Compression compression, BlockCompressor blocks) {
        return new PageCompressors(switch (compression) {
            case NONE -> new Pages(CompressionCodecName.UNCOMPRESSED, null);
            case ZSTD -> new Pages(CompressionCodecName.ZSTD, blocks::compress);
            case GZIP -> new Pages(CompressionCodecName.GZIP, blocks::compress);
            case SNAPPY -> new Pages(CompressionCodecName.SNAPPY, PageCompressors::snappy);
        });
    }

    /** The name written in the file's metadata. */
    CompressionCodecName codecName() {
        return compressor.getCodecName();
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        if (codecName != compressor.getCodecName()) {
            throw new IllegalArgumentException("pages of this type are compressed with " + compressor.getCodecName());
        }
        return compressor;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        throw new UnsupportedOperationException("dumper writes Parquet files, it does not read them");
    }

    @Override
    public void release() {
        // The block compressors belong to PartWriters, shared by every part.
    }

    private static byte[] snappy(byte[] input, int len) {
        SnappyJavaCompressor snappy = new SnappyJavaCompressor();
        byte[] out = new byte[snappy.maxCompressedLength(len)];
        int written = snappy.compress(input, 0, len, out, 0, out.length);
        return Arrays.copyOf(out, written);
    }

    private interface Method {
        byte[] compress(byte[] input, int len);
    }

    private record Pages(CompressionCodecName name, Method method) implements BytesInputCompressor {

        @Override
        public BytesInput compress(BytesInput page) throws IOException {
            if (method == null) {
                return page;
            }
            byte[] bytes = page.toByteArray();
            return BytesInput.from(method.compress(bytes, bytes.length));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return name;
        }

        @Override
        public void release() {
            // Nothing held per page.
        }
    }
}
