package dumper.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dumper.config.DumperConfig;
import dumper.core.DumperException;
import dumper.output.StagedOutput;

/**
 * What clean-up removes, by {@code dumper.retention.*}: staging of unfinished runs that no
 * process holds and that nobody wrote for {@code staging-age}, and published files (with their
 * manifests, in the output and the publish directory) past {@code files-age} or beyond the
 * newest {@code files-count} of their type. A file that a report entry still points to is kept
 * and listed, unless {@code delete-reported}; then its line says that its entry still points to
 * it. Every finding is one line: {@code dumper clean} prints them, {@code serve} logs them.
 */
@ApplicationScoped
public class Retention {

    private final DumperConfig config;
    private final ObjectMapper json;
    private final ReportEntries reports;

    Retention(DumperConfig config, ObjectMapper json, ReportEntries reports) {
        this.config = config;
        this.json = json;
        this.reports = reports;
    }

    /** Lists what is unfinished and removes what the retention says (with {@code dryRun}, only says it would). */
    public List<String> apply(boolean dryRun) {
        Path out = config.outputDirectory();
        List<String> lines = new ArrayList<>();
        try {
            staging(out, dryRun, lines);
            files(out, dryRun, lines);
        } catch (IOException e) {
            throw DumperException.output("cannot clean up " + out + " (" + e.getMessage() + "); check the output directory", e);
        }
        return lines;
    }

    private void staging(Path out, boolean dryRun, List<String> lines) throws IOException {
        Instant oldest = Instant.now().minus(config.retention().stagingAge());
        for (StagedOutput.Staged s : StagedOutput.staged(out)) {
            String facts = s.name() + " (" + s.batchesDone() + " batch(es) done, " + megabytes(s.bytes()) + ", last written "
                    + s.lastWritten().truncatedTo(ChronoUnit.SECONDS) + ")";
            if (s.inUse()) {
                lines.add("unfinished run " + facts + ": running now");
            } else if (!s.lastWritten().isBefore(oldest)) {
                lines.add("unfinished run " + facts + ": kept, it resumes when run again");
            } else if (dryRun) {
                lines.add("would remove abandoned staging " + facts);
            } else if (StagedOutput.removeIdle(out, s.name())) {
                lines.add("removed abandoned staging " + facts);
            } else {
                lines.add("unfinished run " + facts + ": running now");
            }
        }
    }

    private void files(Path out, boolean dryRun, List<String> lines) throws IOException {
        Optional<Duration> age = config.retention().filesAge();
        Optional<Integer> count = config.retention().filesCount();
        if (age.isEmpty() && count.isEmpty()) {
            return;
        }
        OffsetDateTime oldest = age.map(a -> OffsetDateTime.now(ZoneOffset.UTC).minus(a)).orElse(null);
        Map<String, List<Manifest>> byType = Manifest.inDirectory(json, out).stream().filter(m -> m.finishedAt() != null && m.type() != null)
                .collect(Collectors.groupingBy(Manifest::type));
        for (List<Manifest> ofType : byType.values()) {
            List<Manifest> newestFirst = ofType.stream().sorted(Comparator.comparing(Manifest::finishedAt).reversed()).toList();
            for (int i = 0; i < newestFirst.size(); i++) {
                Manifest m = newestFirst.get(i);
                String why = count.isPresent() && i >= count.get() ? "beyond the newest " + count.get() + " of " + m.type()
                        : oldest != null && m.finishedAt().isBefore(oldest) ? "older than " + age.get() : null;
                if (why != null) {
                    remove(out, m, why, dryRun, lines);
                }
            }
        }
    }

    private void remove(Path out, Manifest m, String why, boolean dryRun, List<String> lines) throws IOException {
        Path served = config.publishDir().map(Path::of).orElse(out).resolve(m.file());
        boolean reported = reports.pointsTo(m, served, served.resolveSibling(m.file() + Manifest.SUFFIX));
        String facts = m.file() + " (" + m.type() + ", finished " + m.finishedAt().truncatedTo(ChronoUnit.SECONDS) + ", " + why + ")";
        if (reported && !config.retention().deleteReported()) {
            lines.add("kept " + facts + ": a report entry still points to it (dumper.retention.delete-reported=true "
                    + "removes it anyway)");
            return;
        }
        String entry = reported ? "; its report entry still points to it" : "";
        if (dryRun) {
            lines.add("would remove " + facts + entry);
            return;
        }
        // Manifests first: a file without its manifest is never taken for a whole one.
        for (Path dir : new LinkedHashSet<>(List.of(served.getParent(), out))) {
            Files.deleteIfExists(dir.resolve(m.file() + Manifest.SUFFIX));
            Files.deleteIfExists(dir.resolve(m.file()));
        }
        lines.add("removed " + facts + entry);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
