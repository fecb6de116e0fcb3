package dumper.guard;

/**
 * Threads_running averaged over each sample interval (read many times in it, dumper's sessions
 * not counted), compared with its average while no batch read. By Little's law, at a steady rate
 * of the application's queries the average number running is that rate times their mean time,
 * so the ratio of the two averages is how much longer the application's queries take while the
 * dump reads. Batches slow down while it is above the target and speed up below it, as LEDBAT
 * paces a background transfer by the delay it adds to everyone else's.
 *
 * <p>Used by its monitor's thread only.
 */
final class LoadAverage {

    /**
     * Below this many running threads on average the source counts as idle: on an idle server
     * the ratio of two tiny averages is noise, and a dump beside no load harms nobody.
     */
    static final double IDLE_FLOOR = 0.5;
    /** Weight of a new quiet interval in the baseline: one noisy second does not reset it. */
    private static final double SMOOTHING = 0.3;

    private final double target;
    private double sum;
    private int readings;
    private boolean batchesRead;
    private double baseline = Double.NaN;

    /** {@code target}: the ratio above which batches slow down; 0 or less turns the rule off. */
    LoadAverage(double target) {
        this.target = target;
    }

    /** One reading of Threads_running, dumper's sessions taken off, and whether a batch of ours was reading then. */
    void add(double running, boolean batchReading) {
        sum += Math.max(0, running);
        readings++;
        batchesRead |= batchReading;
    }

    /**
     * Ends the interval: its average (NaN when nothing could be read), which also moves the
     * baseline when no batch read during the whole interval.
     */
    double close() {
        double average = readings == 0 ? Double.NaN : sum / readings;
        if (!Double.isNaN(average) && !batchesRead) {
            baseline = Double.isNaN(baseline) ? average : baseline + SMOOTHING * (average - baseline);
        }
        sum = 0;
        readings = 0;
        batchesRead = false;
        return average;
    }

    /** Whether batches should read more slowly at this interval's {@code average}. */
    boolean overTarget(double average) {
        return target > 0 && !Double.isNaN(baseline) && !Double.isNaN(average)
                && average > Math.max(baseline, IDLE_FLOOR) * target;
    }

    /** The average while no batch read, NaN before a quiet interval was seen. */
    double baseline() {
        return baseline;
    }

    double target() {
        return target;
    }
}
