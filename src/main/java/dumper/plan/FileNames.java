package dumper.plan;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import dumper.config.ConfigProblem;
import dumper.config.DumpType;

/** Renders a type's {@code file-name} template: {type}, {start}, {end}, {now}, {ext}. */
public final class FileNames {

    private static final DateTimeFormatter NOW = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+=-]*");

    private FileNames() {
    }

    public static String render(DumpType type, Window window, LocalDateTime now) {
        String template = type.fileName();
        if (window == null && (template.contains("{start}") || template.contains("{end}"))) {
            throw new ConfigProblem("dumper.dumps." + type.name() + ".file-name=" + template
                    + " uses {start}/{end} but this run has no window; use {now} instead");
        }
        String name = template
                .replace("{type}", type.name())
                .replace("{start}", window == null ? "" : window.startLabel())
                .replace("{end}", window == null ? "" : window.endLabel())
                .replace("{now}", NOW.format(now))
                .replace("{ext}", type.extension().substring(1));
        if (!SAFE.matcher(name).matches() || name.length() > 200) {
            throw new ConfigProblem("dumper.dumps." + type.name() + ".file-name=" + template + " gives '" + name
                    + "', which is not a safe file name; use letters, digits and . _ - + = only");
        }
        return name;
    }
}
