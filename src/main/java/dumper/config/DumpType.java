package dumper.config;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;


/** One dump type with every setting parsed and checked. */
public record DumpType(
        String name,
        Path queryFile,
        DateRange dateRange,
        BatchSize batch,
        int fetchSize,
        int threads,
        DefaultWindow window,
        String datasource,
        OutputFormat format,
        Compression compression,
        int compressionLevel,
        String fileName,
        boolean filePerBatch,
        BinaryEncoding binary,
        Optional<String> csvNull,
        List<String> schedules,
        boolean replace,
        boolean header,
        Optional<BucketAddress> publishTo) {

    /** More connections than this per run would crowd the server rather than speed the run. */
    public static final int MAX_THREADS = 16;

    /** What a run covers when the user gives no dates. */
    public sealed interface DefaultWindow {
        record None() implements DefaultWindow {
        }

        record Today() implements DefaultWindow {
        }

        record Back(BatchSize length) implements DefaultWindow {
            /**
             * The wall-clock start of the window that ends at {@code end}. Days go back on the
             * calendar, hours on the clock: the hourly window that ends just after clocks go
             * forward starts two wall-clock hours earlier, so no hour of rows is skipped.
             */
            public LocalDateTime startBefore(ZonedDateTime end) {
                return end.minus(length.period()).minus(length.duration()).toLocalDateTime();
            }
        }

        /** From where the last published window of this type ended, until now. */
        record SinceLastRun() implements DefaultWindow {
        }
    }

    /** The {@code window} setting as written in configuration. */
    public String windowLabel() {
        if (window instanceof DefaultWindow.Back back) {
            return back.length().toString();
        }
        if (window instanceof DefaultWindow.SinceLastRun) {
            return "since-last-run";
        }
        return window instanceof DefaultWindow.Today ? "today" : "none";
    }

    /** The file name for a run or batch; the extension follows the format and compression. */
    public String extension() {
        return format.columnar ? format.extension : format.extension + compression.extension;
    }
}
