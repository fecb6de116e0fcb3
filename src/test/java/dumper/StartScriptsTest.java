package dumper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * README's start block is two commands, CI runs exactly those, and both find a JDK 25 in a shell
 * without JAVA_HOME (where the machine's default java is 17) through the one lookup they share.
 */
class StartScriptsTest {

    @Test
    void ci_runs_exactly_the_two_commands_of_readmes_start_block() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String start = readme.substring(readme.indexOf("## Start here"));
        String block = start.substring(start.indexOf("```sh") + 5, start.indexOf("```", start.indexOf("```sh") + 5));
        assertThat(commands(block)).containsExactly("demo/run.sh", "demo/test.sh");
        // .ci/run spells out the Maven run that demo/test.sh makes by default.
        assertThat(commands(Files.readString(Path.of(".ci/run"))).stream().filter(c -> c.startsWith("demo/")))
                .containsExactly("demo/run.sh", "demo/test.sh ./mvnw -B verify");
        assertThat(Files.readString(Path.of("demo/test.sh"))).contains("./mvnw -B verify \"$@\"");
        for (String script : List.of("demo/run.sh", "demo/test.sh", ".ci/run")) {
            assertThat(Files.readString(Path.of(script))).as(script).containsAnyOf(". demo/jdk25.sh", "demo/run.sh");
        }
    }

    @Test
    void the_jdk_lookup_finds_a_jdk_25_in_a_shell_without_java_home() throws Exception {
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", "set -euo pipefail; . demo/jdk25.sh; echo \"$JAVA_HOME\"")
                .redirectErrorStream(true);
        shell.environment().remove("JAVA_HOME");
        Process process = shell.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor()).as(out).isZero();
        assertThat(Files.readString(Path.of(out, "release"))).containsPattern("JAVA_VERSION=\"(2[5-9]|[3-9][0-9])");
    }

    /** The command of each line that is not a comment, without its trailing comment. */
    private static List<String> commands(String script) {
        return Arrays.stream(script.split("\n")).map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+#")[0].strip()).toList();
    }
}
