package dumper.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dumper.config.DumpTypes;
import dumper.config.DumperConfig;
import dumper.plan.PreviousRuns;

/**
 * What was published before. Where the last published window of a type ended, for
 * {@code window=since-last-run}: the report table is the record when reports are on, because it
 * outlives any container; without it, the manifests in the output directory (a mounted volume
 * in a container) are. When a type last succeeded, for the metrics after a restart: its newest
 * manifest.
 */
@ApplicationScoped
public class RunHistory implements PreviousRuns {

    private final ReportEntries reports;
    private final ObjectMapper json;
    private final DumperConfig config;
    private final DumpTypes types;

    RunHistory(ReportEntries reports, ObjectMapper json, DumperConfig config, DumpTypes types) {
        this.reports = reports;
        this.json = json;
        this.config = config;
        this.types = types;
    }

    @Override
    public Optional<LocalDateTime> lastEnd(String type, Path outputDir) {
        if (reports.enabled()) {
            return reports.lastEnd(type);
        }
        return manifests(type, outputDir).stream()
                .map(Manifest::windowEnd)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
    }

    /**
     * Only with reports on: without them the manifests are the record, and a published file is
     * recorded by its manifest.
     */
    @Override
    public Optional<OffsetDateTime> unrecorded(String type, Path outputDir, LocalDateTime start) {
        if (!reports.enabled()) {
            return Optional.empty();
        }
        List<Manifest> published = manifests(type, outputDir);
        // A since-last-run window ends when its run was planned: a file of that run ends there.
        // That tells it from a run with explicit dates that started at the same time.
        return published.stream()
                .filter(m -> start.equals(m.windowStart()) && m.plannedAt() != null)
                .map(Manifest::plannedAt)
                .filter(at -> published.stream().anyMatch(m -> m.plannedAt() != null && at.isEqual(m.plannedAt())
                        && at.atZoneSameInstant(types.zone()).toLocalDateTime().equals(m.windowEnd())))
                .min(Comparator.naturalOrder());
    }

    /** When the newest file of {@code type} in the configured directories was finished. */
    public Optional<OffsetDateTime> lastSuccess(String type) {
        return manifests(type, config.outputDirectory()).stream()
                .map(Manifest::finishedAt)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
    }

    /** The manifests of {@code type}: in the publish directory when there is one, else in {@code outputDir}. */
    private List<Manifest> manifests(String type, Path outputDir) {
        Path dir = config.publishDir().map(Path::of).filter(Files::isDirectory).orElse(outputDir);
        try {
            return Manifest.inDirectory(json, dir).stream().filter(m -> type.equals(m.type())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
