package dumper.plan;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Splits a window into consecutive half-open batches: no gap, no overlap, the last cut at the end. */
public final class BatchPlanner {

    /** A plan larger than this is almost certainly a typo (PT1S over a decade). */
    static final int MAX_BATCHES = 1_000_000;

    private BatchPlanner() {
    }

    public static List<Batch> plan(Window window, BatchSize size) {
        if (window == null) {
            return List.of(new Batch(1, null));
        }
        List<Batch> batches = new ArrayList<>();
        LocalDateTime start = window.start();
        for (int n = 1; start.isBefore(window.end()); n++) {
            if (n > MAX_BATCHES) {
                throw new IllegalArgumentException("batch " + size + " splits the window into more than "
                        + MAX_BATCHES + " batches; choose a larger batch");
            }
            LocalDateTime next = size.boundary(window.start(), n);
            LocalDateTime end = next.isAfter(window.end()) ? window.end() : next;
            if (end.isAfter(start)) {
                batches.add(new Batch(batches.size() + 1, new Window(start, end)));
            }
            start = end;
        }
        return batches;
    }
}
