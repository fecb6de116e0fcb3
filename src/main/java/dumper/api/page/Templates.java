package dumper.api.page;

import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dumper.api.RunView;

/** The page's Qute templates (src/main/resources/templates/), checked against these parameters at build time. */
@CheckedTemplate
final class Templates {

    private Templates() {
    }

    static native TemplateInstance overview(List<PageViews.TypeRow> types, List<PageViews.RunLine> recent, boolean loginUsed,
            String csrf);

    static native TemplateInstance run(RunView run, PageViews.Progress progress, List<PageViews.BatchRow> batches,
            List<PageViews.FileRow> files, List<String> log, String window, String queued, String duration, boolean loginUsed, String csrf);

    static native TemplateInstance runs(List<PageViews.RunLine> runs, int page, int pages, String type, boolean loginUsed,
            String csrf);

    static native TemplateInstance trigger(List<String> types, TriggerForm form, String field, String error,
            boolean loginUsed, String csrf);

    static native TemplateInstance files(List<PageViews.FileRow> files, List<String> types, String type, String date,
            String error, boolean loginUsed, String csrf);

    static native TemplateInstance login(String error, String csrf);
}
