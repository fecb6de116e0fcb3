package dumper.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dumper.output.BinaryEncoding;
import dumper.output.Compression;
import dumper.output.OutputFormat;
import dumper.plan.BatchSize;

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
        List<String> schedules) {

    /** What a run covers when the user gives no dates. */
    public sealed interface DefaultWindow {
        record None() implements DefaultWindow {
        }

        record Today() implements DefaultWindow {
        }

        record Back(Duration length) implements DefaultWindow {
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
        return format.extension + compression.extension;
    }
}
