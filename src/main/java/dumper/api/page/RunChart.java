package dumper.api.page;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dumper.run.RunSummary;

/**
 * A small SVG drawn on the server: one bar per finished run (oldest left), its height the run's
 * duration and its colour its outcome, and a line through the rows each run wrote. Drawn here
 * so the page needs no chart library and shows without JavaScript.
 */
final class RunChart {

    static final int WIDTH = 320;
    static final int HEIGHT = 64;
    private static final int TOP = 14;

    private RunChart() {
    }

    /** The chart of {@code runs} (finished ones, oldest first), or an empty string when there is none. */
    static String svg(String type, List<RunSummary> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        double longest = runs.stream().mapToDouble(RunChart::seconds).max().orElse(1);
        long most = runs.stream().mapToLong(RunSummary::rows).max().orElse(1);
        // At most 30 runs: a bar is never wider than a thirtieth, so one run is not a block.
        double step = (double) WIDTH / Math.max(runs.size(), 30);
        double plot = HEIGHT - TOP;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
                + "aria-label=\"duration and rows of the last %d runs of %s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, runs.size(),
                Html.escape(type)));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"10\" class=\"axis\">longest %s</text>",
                Html.duration(Duration.ofMillis((long) (longest * 1000)))));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"10\" text-anchor=\"end\" class=\"axis rows\">most rows %s</text>",
                WIDTH - 2, Html.count(most)));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            RunSummary run = runs.get(i);
            double h = Math.max(1, plot * seconds(run) / Math.max(longest, 0.001));
            double x = i * step;
            svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                    + "<title>%s</title></rect>", run.status().name().toLowerCase(Locale.ROOT), x + 1, HEIGHT - h,
                    Math.max(1, step - 2), h, Html.escape(PageViews.describe(run))));
            double y = HEIGHT - plot * run.rows() / Math.max(most, 1);
            line.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", x + step / 2, y));
        }
        svg.append("<polyline class=\"rows\" fill=\"none\" points=\"").append(line).append("\"/>");
        return svg.append("</svg>").toString();
    }

    private static double seconds(RunSummary run) {
        return PageViews.elapsed(run).toMillis() / 1000.0;
    }
}
