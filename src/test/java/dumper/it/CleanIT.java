package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code dumper clean [--dry-run]}: lists unfinished runs, removes staging nobody wrote for
 * {@code dumper.retention.staging-age}, and published files past {@code files-count} per type;
 * a file that a report entry points to is kept and said so, or removed with a line saying so
 * when {@code delete-reported} is on.
 */
class CleanIT {

    private static final List<String> FILES = List.of("zm_2024-06-17_2024-06-18.csv.gz", "zm_2024-06-19_2024-06-20.csv.gz",
            "zm_2024-06-21_2024-06-22.csv.gz");

    @Test
    void clean_lists_unfinished_runs_and_removes_only_what_the_retention_says() throws Exception {
        Path out = ItSupport.newOutputDir("clean");
        Path published = Files.createDirectories(out.resolve("published"));
        Map<String, String> settings = new HashMap<>(Map.of("dumper.output-dir", out.toString(), "dumper.publish-dir",
                published.toString()));
        for (String file : FILES) {
            String[] days = file.substring(3, 24).split("_");
            assertThat(PackagedApp.run(out.resolve("dump.log"), settings, "--dump", "zm", days[0], days[1])).isZero();
        }
        Path abandoned = stage(out, "zm_2024-05-01_2024-05-31.csv.gz", Duration.ofDays(10));
        Path recent = stage(out, "zm_2024-05-01_2024-05-07.csv.gz", Duration.ofHours(1));
        settings.put("dumper.retention.files-count", "1");

        assertThat(PackagedApp.run(out.resolve("dry.log"), settings, "clean", "--dry-run")).isZero();
        String dry = Files.readString(out.resolve("dry.log"));
        assertThat(dry).contains("would remove abandoned staging zm_2024-05-01_2024-05-31.csv.gz (2 batch(es) done",
                "unfinished run zm_2024-05-01_2024-05-07.csv.gz (2 batch(es) done",
                "kept " + FILES.get(0) + " (zm, finished", "beyond the newest 1 of zm): a report entry still points to it",
                "kept " + FILES.get(1));
        assertThat(dry).doesNotContain("kept " + FILES.get(2), "removed");
        assertThat(abandoned).exists();
        FILES.forEach(f -> assertThat(out.resolve(f)).exists());

        settings.put("dumper.retention.delete-reported", "true");
        assertThat(PackagedApp.run(out.resolve("clean.log"), settings, "clean")).isZero();
        String clean = Files.readString(out.resolve("clean.log"));
        assertThat(clean).contains("removed abandoned staging zm_2024-05-01_2024-05-31.csv.gz",
                "removed " + FILES.get(0) + " (zm, finished", "; its report entry still points to it",
                "removed " + FILES.get(1));
        assertThat(abandoned).doesNotExist();
        assertThat(recent).exists();
        for (String file : FILES.subList(0, 2)) {
            assertThat(out.resolve(file)).doesNotExist();
            assertThat(out.resolve(file + ".manifest.json")).doesNotExist();
            assertThat(published.resolve(file)).doesNotExist();
            assertThat(published.resolve(file + ".manifest.json")).doesNotExist();
        }
        assertThat(out.resolve(FILES.get(2))).exists();
        assertThat(published.resolve(FILES.get(2))).exists();
    }

    /** A staging area of two finished batches, last written {@code ago}. */
    private static Path stage(Path out, String name, Duration ago) throws Exception {
        Path dir = Files.createDirectories(out.resolve(".dumper").resolve(name));
        FileTime then = FileTime.from(Instant.now().minus(ago));
        for (String file : List.of("plan", "000001.done", "000002.done")) {
            Files.writeString(dir.resolve(file), "x");
            Files.setLastModifiedTime(dir.resolve(file), then);
        }
        Files.setLastModifiedTime(dir, then);
        return dir;
    }
}
