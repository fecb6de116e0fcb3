package dumper.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dumper.config.BatchSize;
import dumper.config.DumpType;
import dumper.config.TestConfig;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RunPlanTest {

    private static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 0, 0);

    @Test
    void in_one_file_only_the_first_batch_carries_the_header() {
        List<Batch> batches = weeks(5);
        RunPlan plan = plan(batches, List.of(new RunPlan.OutputFile("zm.csv.gz", window(0, 5), batches)));

        assertThat(batches.stream().filter(plan::startsOutput).map(Batch::number)).containsExactly(1);
    }

    @Test
    void with_one_file_per_batch_every_batch_carries_the_header() {
        List<Batch> batches = weeks(7);
        List<RunPlan.OutputFile> outputs = new ArrayList<>();
        for (Batch batch : batches) {
            outputs.add(new RunPlan.OutputFile("zm_" + batch.number() + ".csv.gz", batch.window(), List.of(batch)));
        }
        RunPlan plan = plan(batches, outputs);

        assertThat(batches.stream().filter(plan::startsOutput).map(Batch::number)).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void a_batch_that_is_not_the_first_of_its_file_carries_no_header() {
        List<Batch> batches = weeks(6);
        RunPlan plan = plan(batches, List.of(new RunPlan.OutputFile("a.csv.gz", window(0, 2), batches.subList(0, 2)),
                new RunPlan.OutputFile("b.csv.gz", window(2, 3), batches.subList(2, 3)),
                new RunPlan.OutputFile("c.csv.gz", window(3, 6), batches.subList(3, 6))));

        assertThat(batches.stream().filter(plan::startsOutput).map(Batch::number)).containsExactly(1, 3, 4);
        assertThat(plan.outputBatches()).containsExactly(Map.entry("a.csv.gz", List.of(1, 2)),
                Map.entry("b.csv.gz", List.of(3)), Map.entry("c.csv.gz", List.of(4, 5, 6)));
    }

    private static List<Batch> weeks(int n) {
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batches.add(new Batch(i + 1, window(i, i + 1)));
        }
        return batches;
    }

    private static Window window(int fromWeek, int toWeek) {
        return new Window(START.plusWeeks(fromWeek), START.plusWeeks(toWeek));
    }

    private static RunPlan plan(List<Batch> batches, List<RunPlan.OutputFile> outputs) {
        DumpType type = TestConfig.types(Map.of("dumper.dumps.zm.query-file", "queries/zm.sql", "dumper.dumps.zm.date-range",
                "required", "dumper.dumps.zm.batch", "P7D", "dumper.dumps.zm.files", outputs.size() > 1 ? "batch" : "run"))
                .get("zm");
        return new RunPlan("20240101T000000-abcd", ZonedDateTime.of(START, ZoneOffset.UTC), type,
                QueryTemplate.parse("SELECT 1 WHERE :start < :end"), window(0, batches.size()), BatchSize.parse("P7D"),
                batches, outputs, 10000, 2, Path.of("out"), Optional.empty(), "zm.csv.gz", false, false);
    }
}
