package dumper.it;

import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A since-last-run run that published its file but could not write its report entry is
 * finished by the next run: the same window, the same file, the missing entry; never a second
 * file over the same rows. The report table refuses the type's rows through a trigger, then
 * accepts them.
 */
@Tag("faults")
class UnrecordedRunIT {

    private static final String TYPE = "sincerefused";

    @AfterEach
    void acceptAgain() {
        update("DROP TRIGGER IF EXISTS refuse_" + TYPE);
    }

    @Test
    void the_run_after_a_failed_report_entry_finishes_that_run_instead_of_planning_a_new_window() throws Exception {
        Path out = ItSupport.newOutputDir(TYPE);
        Map<String, String> config = new HashMap<>(TestDatabase.type(TYPE, "SELECT id, event_time FROM vaccination_event "
                + "WHERE event_time >= :start AND event_time < :end ORDER BY event_time, id", "optional"));
        config.put("dumper.dumps." + TYPE + ".window", "since-last-run");
        config.put("dumper.dumps." + TYPE + ".batch", "P100D");
        assertThat(run(out, "first.log", config, "2024-01-01", "2024-01-07")).isZero();

        update("CREATE TRIGGER refuse_" + TYPE + " BEFORE INSERT ON dump_report FOR EACH ROW BEGIN IF NEW.dump_type = '"
                + TYPE + "' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the portal refuses entries'; END IF; END");
        assertThat(run(out, "refused.log", config)).isEqualTo(4);
        assertThat(Files.readString(out.resolve("refused.log"))).contains("cannot record the report entry",
                "the portal refuses entries");
        List<String> published = dataFiles();
        assertThat(published).hasSize(2);
        String unrecorded = published.stream().filter(name -> !name.contains("2024-01-01")).findFirst().orElseThrow();

        update("DROP TRIGGER refuse_" + TYPE);
        assertThat(run(out, "again.log", config)).as(Files.readString(out.resolve("again.log"))).isZero();
        assertThat(Files.readString(out.resolve("again.log"))).contains(TestDatabase.publishDir.resolve(unrecorded).toString());
        assertThat(dataFiles()).as("no second file over the same rows").containsExactlyElementsOf(published);
        List<List<String>> entries = query("SELECT file_name, window_start FROM dump_report WHERE dump_type = ? "
                + "ORDER BY window_start", TYPE);
        assertThat(entries).extracting(e -> e.get(0)).containsExactly(published.get(0), unrecorded);
        assertThat(entries.get(1).get(1)).isEqualTo("2024-01-08 00:00:00");
    }

    private static int run(Path out, String log, Map<String, String> config, String... dates) throws InterruptedException {
        String[] args = new String[dates.length + 4];
        args[0] = "--dump";
        args[1] = TYPE;
        System.arraycopy(dates, 0, args, 2, dates.length);
        args[dates.length + 2] = "--output-dir";
        args[dates.length + 3] = out.toString();
        return PackagedApp.run(out.resolve(log), config, args);
    }

    /** The type's data files in the publish directory, oldest window first. */
    private static List<String> dataFiles() throws Exception {
        try (var files = Files.list(TestDatabase.publishDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(TYPE + "_") && !name.endsWith(".manifest.json"))
                    .sorted().toList();
        }
    }
}
