package dumper.plan;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import dumper.config.BatchSize;

/** Splits a window into consecutive half-open batches: no gap, no overlap, the last cut at the end. */
public final class BatchPlanner {

    /**
     * A plan larger than this is almost certainly a typo (PT1S over a decade); it also keeps the
     * plan (and one file name per batch) within the launcher's small heap.
     */
    static final int MAX_BATCHES = 100_000;

    private BatchPlanner() {
    }

    public static List<Batch> plan(Window window, BatchSize size) {
        if (window == null) {
            return List.of(new Batch(1, null));
        }
        List<Batch> batches = new ArrayList<>(count(window, size));
        LocalDateTime start = window.start();
        for (int n = 1; start.isBefore(window.end()); n++) {
            LocalDateTime next = size.boundary(window.start(), n);
            LocalDateTime end = next.isAfter(window.end()) ? window.end() : next;
            if (end.isAfter(start)) {
                batches.add(new Batch(batches.size() + 1, new Window(start, end)));
            }
            start = end;
        }
        return batches;
    }

    /**
     * How many batch boundaries the window has, counted before any batch is built: a typo that
     * asks for millions of batches is refused at once instead of filling the heap.
     */
    private static int count(Window window, BatchSize size) {
        int n = 1;
        while (size.boundary(window.start(), n).isBefore(window.end())) {
            if (++n > MAX_BATCHES) {
                throw new IllegalArgumentException("batch " + size + " splits the window " + window.startLabel() + " to "
                        + window.endLabel() + " into more than " + MAX_BATCHES + " batches; choose a larger batch");
            }
        }
        return n;
    }
}
