package dumper.plan;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dumper.config.BatchSize;
import dumper.config.DumpType;

/**
 * Everything a run needs, resolved and checked before any file is opened. {@code fileName}
 * names the run's file (and its staging area and lock); {@code outputs} are the files it
 * writes: that one, or one per batch. {@code outputDirNamedBy} is the option or setting that
 * named the output directory, empty for the default one (see {@code OutputDirectories}).
 * {@code replace}: a published file whose content changed may be replaced (see {@code Publisher}).
 */
public record RunPlan(
        String runId,
        ZonedDateTime createdAt,
        DumpType type,
        QueryTemplate query,
        Window window,
        BatchSize batchSize,
        List<Batch> batches,
        List<OutputFile> outputs,
        int fetchSize,
        int threads,
        Path outputDir,
        Optional<String> outputDirNamedBy,
        String fileName,
        boolean fresh,
        boolean replace) {

    /**
     * True for the first batch of an output file: that batch carries the header. The outputs
     * cover the batches in order, so a binary search: with one file per batch a run has up to
     * 100,000 of them, and this is asked once per batch.
     */
    public boolean startsOutput(Batch batch) {
        int low = 0;
        int high = outputs.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int first = outputs.get(middle).batches().get(0).number();
            if (first == batch.number()) {
                return true;
            }
            if (first < batch.number()) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return false;
    }

    /** Each output file's batch numbers, in order, by file name: how the staging area joins them. */
    public Map<String, List<Integer>> outputBatches() {
        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        for (OutputFile output : outputs) {
            byFile.put(output.name(), output.batches().stream().map(Batch::number).toList());
        }
        return byFile;
    }

    /** What must match for finished batches of an earlier run (or of a worker) to be used. */
    public String fingerprint() {
        Batch last = batches.get(batches.size() - 1);
        return String.join("\n",
                "query-sha256=" + query.sha256(),
                "format=" + type.format() + " compression=" + type.compression() + " level=" + type.compressionLevel()
                        + " binary=" + type.binary() + " csv-null=" + type.csvNull().orElse("") + " files-per-batch="
                        + type.filePerBatch() + (type.header() ? "" : " header=false"),
                "window=" + window + " batch=" + batchSize + " batches=" + batches.size() + " last=" + last.window(),
                "");
    }

    /** One file a run writes, and the batches it is made of, in order. */
    public record OutputFile(String name, Window window, List<Batch> batches) {
    }
}
