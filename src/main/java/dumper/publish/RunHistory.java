package dumper.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dumper.config.DumperConfig;

/**
 * Where the last published window of a type ended, for {@code window=since-last-run}. The
 * report table is the record when reports are on, because it outlives any container; without
 * it, the manifests in the output directory (a mounted volume in a container) are.
 */
@ApplicationScoped
public class RunHistory {

    private final ReportEntries reports;
    private final ObjectMapper json;
    private final DumperConfig config;

    RunHistory(ReportEntries reports, ObjectMapper json, DumperConfig config) {
        this.reports = reports;
        this.json = json;
        this.config = config;
    }

    public Optional<LocalDateTime> lastEnd(String type, Path outputDir) {
        if (reports.enabled()) {
            return reports.lastEnd(type);
        }
        Path dir = config.publishDir().map(Path::of).filter(Files::isDirectory).orElse(outputDir);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(Manifest.SUFFIX))
                    .map(this::read)
                    .filter(Objects::nonNull)
                    .filter(m -> m.type().equals(type) && m.windowEnd() != null)
                    .map(Manifest::windowEnd)
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Manifest read(Path file) {
        try {
            return json.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            return null;
        }
    }
}
