package dumper.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dumper.output.DurableFiles;

/**
 * The run history on disk: one small JSON file per run under {@code <output>/.dumper/runs/},
 * written whole or not at all (as manifests are), so runs and their download links outlive a
 * restart. Plain files beside the staging area rather than a database: the output directory is
 * already the volume that must persist, an operator can read and delete them with ls and rm, and
 * there is nothing to migrate.
 */
@ApplicationScoped
public class RunStore {

    private static final Logger LOG = Logger.getLogger("dumper.run");
    private static final String SUFFIX = ".json";

    private final ObjectMapper json;

    RunStore(ObjectMapper json) {
        this.json = json;
    }

    static Path directory(Path outputDir) {
        return outputDir.resolve(".dumper").resolve("runs");
    }

    /**
     * Keeps {@code run} in {@code outputDir}'s history. A failure to write it is logged, never
     * fails the run: the run's files are what matters. A missing output directory is not made
     * here: the run itself says it is missing (exit 5), and nothing is written for it.
     */
    void save(Path outputDir, RunSummary run) {
        if (!Files.isDirectory(outputDir)) {
            return;
        }
        Path dir = directory(outputDir);
        try {
            Files.createDirectories(dir);
            DurableFiles.writeDurably(dir.resolve(run.id() + SUFFIX), json.writeValueAsString(run));
        } catch (IOException e) {
            LOG.warnf("%s: cannot keep run %s in the run history in %s (%s); the run itself is not affected", run.type(),
                    run.id(), dir, e.getMessage());
        }
    }

    /** The runs kept in {@code outputDir}, oldest first; unreadable files are skipped with a line. */
    List<RunSummary> load(Path outputDir) {
        Path dir = directory(outputDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RunSummary> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)
                    && !f.getFileName().toString().startsWith(".")).toList()) {
                try {
                    runs.add(json.readValue(file.toFile(), RunSummary.class).afterRestart());
                } catch (IOException e) {
                    LOG.warnf("skipping %s in the run history: %s", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot read the run history in %s (%s); it starts empty", dir, e.getMessage());
        }
        runs.sort(Comparator.comparing(RunSummary::queuedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return runs;
    }

    /** Forgets {@code run}: past the retention of the history. */
    void delete(Path outputDir, String id) {
        try {
            Files.deleteIfExists(directory(outputDir).resolve(id + SUFFIX));
        } catch (IOException e) {
            LOG.warnf("cannot remove run %s from the run history (%s)", id, e.getMessage());
        }
    }
}
