package dumper.api.page;

import jakarta.ws.rs.FormParam;

/** The trigger form's fields, as typed: the same words as the command line and the API. */
public class TriggerForm {
    @FormParam("type")
    public String type;
    @FormParam("start")
    public String start;
    @FormParam("end")
    public String end;
    @FormParam("batch")
    public String batch;
    @FormParam("fresh")
    public String fresh;
    @FormParam("replace")
    public String replace;
    @FormParam("csrf")
    public String csrf;

    static TriggerForm forType(String type) {
        TriggerForm form = new TriggerForm();
        form.type = type;
        return form;
    }

    public boolean freshChecked() {
        return fresh != null;
    }

    public boolean replaceChecked() {
        return replace != null;
    }

    /** Null for an empty field: "not given", as an option left off the command line. */
    static String given(String field) {
        return field == null || field.isBlank() ? null : field.trim();
    }
}
