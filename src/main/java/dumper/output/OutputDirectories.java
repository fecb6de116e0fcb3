package dumper.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dumper.core.DumperException;

/**
 * The directories runs write into. The default output directory is made when missing, so a
 * first run in a fresh directory just works; a directory someone named (an option or a
 * setting) must exist, because a typo or a missing mount would otherwise put the files where
 * no one looks. An error says what to change: the option or the setting that named it.
 */
public final class OutputDirectories {

    private OutputDirectories() {
    }

    /**
     * Makes {@code dir} ready to write into: {@code namedBy} is the option or setting that named
     * it, empty for the default, which is created when missing.
     */
    public static void prepare(String role, Path dir, Optional<String> namedBy) {
        String change = namedBy.map(n -> n.startsWith("--") ? "pass an existing directory to " + n : "change " + n)
                .orElse("pass --output-dir");
        String named = namedBy.filter(n -> !n.startsWith("--")).map(n -> " (" + n + ")").orElse("");
        if (namedBy.isEmpty() && !Files.exists(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw DumperException.output("cannot create the " + role + " " + dir + " (" + e.getMessage() + "); create it or "
                        + change, e);
            }
        }
        if (!Files.isDirectory(dir)) {
            String problem = Files.exists(dir) ? " is not a directory; " : " does not exist; create it or ";
            throw DumperException.output(role + " " + dir + named + problem + change, null);
        }
        if (!Files.isWritable(dir)) {
            // In a container the process runs as user 1001 and a bind-mounted directory often
            // belongs to root: name both, so that the fix (chown) is plain.
            throw DumperException.output(role + " " + dir + named + " is not writable by user " + System.getProperty("user.name")
                    + owner(dir) + "; fix its permissions (chown) or " + change, null);
        }
    }

    private static String owner(Path dir) {
        try {
            return " (it belongs to " + Files.getOwner(dir).getName() + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
