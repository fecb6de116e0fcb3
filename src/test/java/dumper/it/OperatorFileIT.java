package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The operator's {@code application.properties} is read where dumper runs, never taken from the
 * build: one build, run in directories with different files, shows each directory's types only.
 */
class OperatorFileIT {

    private static final String HEADER = "TYPE ";

    @Test
    void a_file_without_types_lists_none() throws Exception {
        assertThat(list("dumper.time-zone=UTC\n")).containsExactly(HEADER);
    }

    @Test
    void a_type_removed_from_the_file_is_gone_and_a_new_one_is_there() throws Exception {
        assertThat(list("dumper.dumps.onlyone.date-range=required\ndumper.dumps.onlyone.batch=P7D\n"))
                .containsExactly(HEADER, "onlyone");
    }

    @Test
    void the_build_records_nothing_from_the_project_root_file() throws Exception {
        String recorded = recordedByTheBuild();
        assertThat(recorded).as("what the build generated").isNotEmpty();
        // Keys and values that only the operator's file at the project root holds.
        assertThat(recorded).doesNotContain("dumper.dumps.zm", "dumper.dumps.vaud", "DB_PASSWORD", "dumper.report.enabled");
    }

    /** The first word of each line `dumper list` prints in a directory holding only {@code properties}. */
    private static List<String> list(String properties) throws Exception {
        Path dir = Files.createTempDirectory("dumper-operator-file");
        Files.writeString(dir.resolve("application.properties"), properties);
        Path log = dir.resolve("list.log");
        Process process = PackagedApp.startIn(dir, log, Map.of(), "list");
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("list finished").isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        // The last line says what the source guard does with every type's batches: not a type.
        return output.lines().filter(l -> !l.isBlank() && !l.startsWith("source guard"))
                .map(l -> l.startsWith(HEADER) ? HEADER : l.split("\\s+")[0]).toList();
    }

    /** The text of what Quarkus generated at build time: its config classes, or the native binary. */
    private static String recordedByTheBuild() throws IOException {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("target/quarkus-app/quarkus/generated-bytecode.jar"),
                Path.of("target/quarkus-app/quarkus/quarkus-application.dat")));
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null) {
            candidates.add(Path.of(nativeImage));
        }
        StringBuilder text = new StringBuilder();
        for (Path file : candidates) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            if (file.toString().endsWith(".jar")) {
                try (ZipFile jar = new ZipFile(file.toFile())) {
                    for (ZipEntry entry : jar.stream().toList()) {
                        text.append(new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1));
                    }
                }
            } else {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }
}
