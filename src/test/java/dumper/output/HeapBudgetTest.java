package dumper.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dumper.config.DumpType;
import dumper.config.DumperConfig;
import dumper.config.TestConfig;
import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;

class HeapBudgetTest {

    private static final long MB = 1024 * 1024;
    private static final Map<String, String> TYPES = Map.of(
            "dumper.compression-threads", "2",
            "dumper.dumps.text.query-file", "queries/zm.sql",
            "dumper.dumps.plain.query-file", "queries/zm.sql",
            "dumper.dumps.plain.compression", "none",
            "dumper.dumps.columns.query-file", "queries/zm.sql",
            "dumper.dumps.columns.format", "parquet");

    private static DumpType type(String name) {
        return TestConfig.types(TYPES).get(name);
    }

    private static HeapBudget budget(long heapBytes) {
        DumperConfig config = TestConfig.of(TYPES);
        return new HeapBudget(config, heapBytes);
    }

    @Test
    void half_the_heap_less_the_compression_pools_blocks_is_shared_by_the_batches() {
        // 40 MB heap: 20 MB, less 2 threads x 2 blocks x 1.25 MB = 15 MB for batches.
        HeapBudget budget = budget(40 * MB);
        assertThat(budget.bytesPerBatch(type("text"))).isEqualTo(2 * (MB + MB / 4));
        assertThat(budget.batchesAtOnce(type("text"))).isEqualTo(6);
        assertThat(budget.batchesAtOnce(type("plain"))).isEqualTo(12);
        // A 4 MB row group and its columns' pages: 6 MB.
        assertThat(budget.batchesAtOnce(type("columns"))).isEqualTo(2);
        assertThat(budget(512 * MB).batchesAtOnce(type("text"))).isEqualTo(100);
    }

    @Test
    void a_batch_beyond_the_budget_waits_until_one_ends() throws Exception {
        HeapBudget budget = budget(40 * MB);
        Cancellation cancellation = new Cancellation();
        List<HeapBudget.Reservation> held = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            held.add(budget.reserve(type("text"), cancellation));
        }
        CompletableFuture<HeapBudget.Reservation> seventh = CompletableFuture.supplyAsync(
                () -> budget.reserve(type("text"), cancellation));
        assertThat(seventh).as("waits while six batches hold the budget")
                .failsWithin(300, TimeUnit.MILLISECONDS);
        held.get(0).close();
        held.get(0).close(); // closing twice gives the share back once
        assertThat(seventh.get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(CompletableFuture.supplyAsync(() -> budget.reserve(type("text"), cancellation)))
                .as("the share was given back once").failsWithin(300, TimeUnit.MILLISECONDS);
        cancellation.request(); // lets the waiting one go
    }

    @Test
    void a_batch_larger_than_the_whole_budget_runs_alone() throws Exception {
        HeapBudget budget = budget(12 * MB);
        Cancellation cancellation = new Cancellation();
        HeapBudget.Reservation alone = budget.reserve(type("columns"), cancellation);
        CompletableFuture<HeapBudget.Reservation> next = CompletableFuture.supplyAsync(
                () -> budget.reserve(type("plain"), cancellation));
        assertThat(next).failsWithin(300, TimeUnit.MILLISECONDS);
        alone.close();
        assertThat(next.get(30, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void a_cancelled_run_stops_waiting() {
        HeapBudget budget = budget(12 * MB);
        Cancellation cancellation = new Cancellation();
        budget.reserve(type("columns"), new Cancellation());
        CompletableFuture<HeapBudget.Reservation> waiting = CompletableFuture.supplyAsync(
                () -> budget.reserve(type("text"), cancellation));
        cancellation.request();
        assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(DumperException.class)
                .satisfies(e -> assertThat(((DumperException) e).exitCode).isEqualTo(ExitCode.INTERRUPTED));
    }
}
