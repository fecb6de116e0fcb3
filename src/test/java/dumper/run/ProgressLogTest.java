package dumper.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dumper.config.BatchSize;
import dumper.config.DumpType;
import dumper.config.TestConfig;
import dumper.plan.Batch;
import dumper.plan.QueryTemplate;
import dumper.plan.RunPlan;
import dumper.plan.Window;

/**
 * What a person sees of a run: on a terminal, against a screen that interprets {@code \r} and
 * {@code \033[K}; off a terminal, the log lines. Log lines reach the screen as they do in the
 * application: through {@link ConsoleLines}, the console's filter, then the console format.
 */
class ProgressLogTest {

    private static final String FORMAT = "%-5p %X{runColumn}%s%n";

    private final FakeConsole screen = new FakeConsole();
    private final PrintWriter console = new PrintWriter(screen, true);
    private final List<String> plainLines = new ArrayList<>();
    private final java.util.logging.Logger dumperLogs = java.util.logging.Logger.getLogger("dumper");
    private final Handler consoleHandler = new Handler() {
        private final ConsoleLines filter = new ConsoleLines(FORMAT, false);
        private final PatternFormatter format = new PatternFormatter(FORMAT);

        @Override
        public void publish(LogRecord record) {
            if (filter.isLoggable(record)) {
                String line = format.format(record);
                plainLines.add(line.strip());
                console.print(line);
                console.flush();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void logToTheFakeConsole() {
        dumperLogs.setUseParentHandlers(false);
        dumperLogs.addHandler(consoleHandler);
    }

    @AfterEach
    void restoreLogging() {
        dumperLogs.removeHandler(consoleHandler);
        dumperLogs.setUseParentHandlers(true);
        MDC.remove("runId");
    }

    @Test
    void on_a_terminal_log_lines_go_above_one_status_line_and_never_share_its_row() {
        RunPlan plan = plan(3);
        try (StatusLine status = new StatusLine(console, () -> 80).activate(); ProgressLog progress = new ProgressLog(status)) {
            progress.started(plan);
            progress.progress(plan.batches().get(0), 1_000, 80_000);
            Logger.getLogger("dumper.report").info("zm: a line from elsewhere");
            progress.batchFinished(plan.batches().get(1), 2_500, 200_000);
            progress.batchFinished(plan.batches().get(0), 1_210, 100_000);
            Logger.getLogger("dumper.report").warn("zm: a warning while the status shows");

            List<String> rows = screen.screen();
            assertThat(rows).hasSize(6);
            assertThat(rows.get(0)).startsWith("INFO  zm: 3 batch(es) into ");
            assertThat(rows.subList(1, 5)).containsExactly(
                    "INFO  zm: a line from elsewhere",
                    "INFO  zm: batch 1/3 done: 1,210 rows (total 1,210)",
                    "INFO  zm: batch 2/3 done: 2,500 rows (total 3,710)",
                    "WARN  zm: a warning while the status shows");
            assertThat(rows.get(5)).matches("zm: 2/3 batches, 3,710 rows, [0-9,]+ rows/s, 0\\.3 MB, 0:0\\d, ETA [0-9:]+")
                    .hasSizeLessThan(80);

            progress.finished(new RunResult("r", List.of(), 3, 0, 3_710, 300_000, 40_000, Duration.ofSeconds(75)));
        }
        List<String> rows = screen.screen();
        assertThat(rows.get(rows.size() - 2)).isEqualTo("INFO  zm: done, 3,710 rows, 0.3 MB of text, 0.0 MB written, "
                + "3 batch(es) (0 resumed) in 1:15");
        assertThat(rows.get(rows.size() - 1)).as("the status line is gone at the end").isEmpty();
        assertThat(rows).noneMatch(row -> row.contains("INFO") && row.contains("batches,"));
    }

    @Test
    void a_shorter_status_leaves_nothing_of_a_longer_one() {
        try (StatusLine status = new StatusLine(console, () -> 80).activate()) {
            status.show("zm: 1/9 batches, 123,456,789 rows");
            status.show("zm: 1/9 batches, 5 rows");
        }
        assertThat(screen.screen()).containsExactly("");
    }

    @Test
    void off_a_terminal_batch_lines_read_in_order_with_their_own_rows_and_the_total() {
        RunPlan plan = plan(4);
        try (ProgressLog progress = new ProgressLog(null)) {
            progress.started(plan);
            progress.batchSkipped(plan.batches().get(0));
            progress.batchFinished(plan.batches().get(2), 30, 3_000);
            progress.batchFinished(plan.batches().get(1), 20, 2_000);
            progress.batchFinished(plan.batches().get(3), 40, 4_000);
        }
        assertThat(plainLines).containsExactly(
                "INFO  zm: 4 batch(es) into " + Path.of("out", "zm.csv.gz"),
                "INFO  zm: 1 of 4 batch(es) already finished by an earlier run, kept: 1",
                "INFO  zm: batch 2/4 done: 20 rows (total 20)",
                "INFO  zm: batch 3/4 done: 30 rows (total 50)",
                "INFO  zm: batch 4/4 done: 40 rows (total 90)");
        assertThat(String.join("\n", screen.screen())).doesNotContain("\r", "batches,");
    }

    @Test
    void the_status_line_takes_the_terminals_width() {
        String status = "zm: 12/228 batches, 1,234,567 rows, 123,456 rows/s, 1,234.5 MB, 0:03, ETA 1:02:03 and more";
        try (StatusLine wide = new StatusLine(console, () -> 120).activate()) {
            wide.show(status);
            assertThat(screen.screen()).containsExactly(status);
        }
        try (StatusLine narrow = new StatusLine(console, () -> 40).activate()) {
            narrow.show(status);
            assertThat(screen.screen().get(screen.screen().size() - 1)).hasSize(39).endsWith("…");
        }
    }

    @Test
    void a_held_run_says_why_on_its_status_line() {
        RunPlan plan = plan(3);
        try (StatusLine status = new StatusLine(console, () -> 80).activate(); ProgressLog progress = new ProgressLog(status)) {
            progress.started(plan);
            progress.held(plan.batches().get(0), "Threads_running 41 > 30");
            assertThat(screen.screen().get(screen.screen().size() - 1)).isEqualTo("zm: paused, Threads_running 41 > 30");
            progress.held(plan.batches().get(0), null);
            assertThat(screen.screen().get(screen.screen().size() - 1)).startsWith("zm: 0/3 batches");
        }
    }

    @Test
    void a_reason_that_says_paused_already_is_not_preceded_by_it_again() {
        RunPlan plan = plan(3);
        try (StatusLine status = new StatusLine(console, () -> 80).activate(); ProgressLog progress = new ProgressLog(status)) {
            progress.started(plan);
            progress.held(plan.batches().get(0), "paused, pause file /run/pause exists");
            assertThat(screen.screen().get(screen.screen().size() - 1)).isEqualTo("zm: paused, pause file /run/pause exists");
        }
    }

    @Test
    void resumed_batches_are_one_line_and_a_stop_says_which_batches_are_not_finished() {
        RunPlan plan = plan(8);
        try (ProgressLog progress = new ProgressLog(null)) {
            progress.started(plan);
            for (int b : new int[] {0, 1, 2, 4}) {
                progress.batchSkipped(plan.batches().get(b));
            }
            progress.batchFinished(plan.batches().get(3), 40, 4_000);
            // Batch 6 was still running when the run was stopped; 7 had finished ahead of it.
            progress.batchFinished(plan.batches().get(6), 70, 7_000);
        }
        assertThat(plainLines).containsExactly(
                "INFO  zm: 8 batch(es) into " + Path.of("out", "zm.csv.gz"),
                "INFO  zm: 4 of 8 batch(es) already finished by an earlier run, kept: 1-3, 5",
                "INFO  zm: batch 4/8 done: 40 rows (total 40)",
                "INFO  zm: batch(es) 6 of 8 not finished: the next run exports them",
                "INFO  zm: batch 7/8 done: 70 rows (total 110)");
    }

    @Test
    void quiet_says_only_the_summary() {
        RunPlan plan = plan(2);
        try (ProgressLog progress = new ProgressLog(new StatusLine(console, () -> 80), true)) {
            progress.started(plan);
            progress.batchSkipped(plan.batches().get(0));
            progress.progress(plan.batches().get(1), 10, 1_000);
            progress.batchFinished(plan.batches().get(1), 20, 2_000);
            progress.finished(new RunResult("r", List.of(), 2, 1, 20, 2_000, 1_000, Duration.ofSeconds(3)));
        }
        assertThat(plainLines).containsExactly("INFO  zm: done, 20 rows, 0.0 MB of text, 0.0 MB written, 2 batch(es) (1 resumed) in 0:03");
        assertThat(String.join("\n", screen.screen())).doesNotContain("batches,");
    }

    @Test
    void off_a_terminal_a_hold_is_one_line_however_many_threads_hear_it_and_one_when_it_ends() {
        RunPlan plan = plan(3);
        try (ProgressLog progress = new ProgressLog(null)) {
            progress.started(plan);
            progress.held(plan.batches().get(0), "Threads_running 41 > 30");
            progress.held(plan.batches().get(1), "Threads_running 41 > 30");
            progress.held(plan.batches().get(0), null);
            progress.held(plan.batches().get(1), null);
        }
        assertThat(plainLines).containsExactly(
                "INFO  zm: 3 batch(es) into " + Path.of("out", "zm.csv.gz"),
                "INFO  zm: held, Threads_running 41 > 30",
                "INFO  zm: reading again (was held: Threads_running 41 > 30)");
    }

    @Test
    void lines_about_a_run_carry_its_id_and_other_lines_show_no_empty_column() {
        Logger.getLogger("dumper").info("listening");
        MDC.put("runId", "20240101T000000-abcd");
        Logger.getLogger("dumper.run").info("zm: started");
        assertThat(plainLines).containsExactly("INFO  listening", "INFO  20240101T000000-abcd zm: started");
    }

    private static RunPlan plan(int batches) {
        DumpType type = TestConfig.types(Map.of("dumper.dumps.zm.query-file", "queries/zm.sql", "dumper.dumps.zm.date-range",
                "required", "dumper.dumps.zm.batch", "P7D")).get("zm");
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
        List<Batch> list = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            list.add(new Batch(i + 1, new Window(start.plusWeeks(i), start.plusWeeks(i + 1))));
        }
        Window window = new Window(start, start.plusWeeks(batches));
        return new RunPlan("20240101T000000-abcd", ZonedDateTime.of(start, ZoneId.of("UTC")), type,
                QueryTemplate.parse("SELECT 1 WHERE :start < :end"), window, BatchSize.parse("P7D"), list,
                List.of(new RunPlan.OutputFile("zm.csv.gz", window, list)), 10000, 2, Path.of("out"), java.util.Optional.empty(), "zm.csv.gz", false,
                false);
    }
}
