package dumper.output;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Makes one Parquet file of Parquet parts written one after the other, without re-encoding or
 * copying a byte of them: a new footer lists every part's row groups, their offsets moved by
 * where the part starts. Readers find column chunks through the footer's offsets only, so each
 * part's own footer stays in the file as a few unreferenced bytes.
 *
 * <p>parquet-java's {@code ParquetFileWriter.appendRowGroups} would copy each part into a file
 * that one writer holds open until its end, with the footer only in memory: it could not resume
 * after a crash, and would write every byte twice. Here the parts join as text parts do (batch
 * order, written once, resumable), and the footer is the one step Parquet adds at the end.
 */
final class ParquetFooters {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** The footer's length (4 bytes, little-endian) and the magic end every Parquet file. */
    private static final int TAIL_BYTES = 8;

    private ParquetFooters() {
    }

    /**
     * The footer (metadata, its length, the magic) over the parts that fill {@code file} from its
     * start, {@code lengths} bytes each, in order.
     */
    static byte[] joined(FileChannel file, List<Long> lengths) throws IOException {
        FileMetaData joined = null;
        long start = 0;
        for (long length : lengths) {
            FileMetaData part = read(file, start, length);
            for (RowGroup group : part.getRow_groups()) {
                move(group, start);
            }
            if (joined == null) {
                joined = part;
            } else {
                if (!joined.getSchema().equals(part.getSchema())) {
                    throw new IOException("the part at byte " + start + " has other columns than the first part");
                }
                joined.getRow_groups().addAll(part.getRow_groups());
                joined.setNum_rows(joined.getNum_rows() + part.getNum_rows());
            }
            start += length;
        }
        if (joined == null) {
            throw new IOException("no parts to join");
        }
        for (int i = 0; i < joined.getRow_groups().size(); i++) {
            joined.getRow_groups().get(i).setOrdinal((short) i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Util.writeFileMetaData(joined, out);
        int footerBytes = out.size();
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footerBytes).array());
        out.write(MAGIC);
        return out.toByteArray();
    }

    /** The footer of the part of {@code length} bytes at {@code start}. */
    private static FileMetaData read(FileChannel file, long start, long length) throws IOException {
        ByteBuffer tail = readFully(file, start + length - TAIL_BYTES, TAIL_BYTES);
        int footerBytes = tail.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        byte[] magic = new byte[MAGIC.length];
        tail.get(4, magic);
        if (length < TAIL_BYTES + MAGIC.length || !Arrays.equals(magic, MAGIC) || footerBytes <= 0
                || footerBytes > length - TAIL_BYTES - MAGIC.length) {
            throw new IOException("the part at byte " + start + " (" + length + " bytes) does not end as a Parquet file");
        }
        ByteBuffer footer = readFully(file, start + length - TAIL_BYTES - footerBytes, footerBytes);
        return Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
    }

    /** Moves every offset of {@code group} by {@code by} bytes. */
    private static void move(RowGroup group, long by) {
        if (group.isSetFile_offset()) {
            group.setFile_offset(group.getFile_offset() + by);
        }
        for (ColumnChunk chunk : group.getColumns()) {
            chunk.setFile_offset(chunk.getFile_offset() + by);
            if (chunk.isSetOffset_index_offset()) {
                chunk.setOffset_index_offset(chunk.getOffset_index_offset() + by);
            }
            if (chunk.isSetColumn_index_offset()) {
                chunk.setColumn_index_offset(chunk.getColumn_index_offset() + by);
            }
            ColumnMetaData meta = chunk.getMeta_data();
            meta.setData_page_offset(meta.getData_page_offset() + by);
            if (meta.isSetDictionary_page_offset()) {
                meta.setDictionary_page_offset(meta.getDictionary_page_offset() + by);
            }
            if (meta.isSetIndex_page_offset()) {
                meta.setIndex_page_offset(meta.getIndex_page_offset() + by);
            }
            if (meta.isSetBloom_filter_offset()) {
                meta.setBloom_filter_offset(meta.getBloom_filter_offset() + by);
            }
        }
    }

    private static ByteBuffer readFully(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ends before byte " + (position + length));
            }
        }
        return buffer.flip();
    }
}
