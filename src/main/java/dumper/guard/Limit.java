package dumper.guard;

/**
 * Where a signal makes batches hold ({@code pause}) and where a run stops ({@code critical},
 * {@link Double#POSITIVE_INFINITY} for never). Replica lag is in seconds.
 */
record Limit(Signal signal, double pause, double critical) {

    /**
     * pt-online-schema-change's rule for a limit left unset: the value at start-up plus a share
     * of it ({@code factor}), but never below {@code floor}, so a quiet server at start does not
     * make every later blip a hold.
     */
    static double derived(double startValue, double factor, double floor) {
        return Math.max(floor, Math.ceil(startValue * factor));
    }

    /** {@code Threads_running 41 > 30}. */
    String describe(double value, double limit) {
        String unit = signal == Signal.REPLICA_LAG ? " s" : "";
        return signal.label + " " + format(value) + (Double.isInfinite(value) ? "" : unit) + " > " + format(limit) + unit;
    }

    /** A value as people read it; an infinite lag is a stopped replica, whose lag the server shows as NULL. */
    static String format(double value) {
        if (Double.isInfinite(value)) {
            return "NULL";
        }
        return value == Math.rint(value) ? String.format(java.util.Locale.ROOT, "%,d", (long) value)
                : String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
