package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

import io.quarkus.test.junit.main.LaunchResult;

/** What the integration tests share: output directories, an independent CSV reader, SQL. */
final class ItSupport {

    /**
     * RFC 4180 as commons-csv reads it; in ALL_NON_NULL mode an unquoted empty field is null
     * and {@code ""} is the empty string, which is how dumper tells them apart.
     */
    static final CSVFormat CSV = CSVFormat.RFC4180.builder()
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setRecordSeparator("\n")
            .get();

    private static final Pattern QUARKUS_LIFECYCLE = Pattern.compile(
            "^\\d\\d:\\d\\d:\\d\\d INFO\\s+(dumper \\S+ on JVM|Profile \\w+ activated|Installed features|dumper stopped in)");

    private ItSupport() {
    }

    static Path newOutputDir(String name) {
        TestDatabase.ensureStarted();
        try {
            return Files.createTempDirectory(TestDatabase.outputDir, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints the application's logs ({@code *.log}) in {@code dir} into the test report; nothing when there is no dir. */
    static void printLogs(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (var logs = Files.list(dir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                System.out.println("--- " + log + "\n" + Files.readString(log));
            }
        }
    }

    /** Files a user would see: everything but the hidden staging area. */
    static List<Path> visibleFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one data file in {@code dir}, besides its manifest and any logs. */
    static Path onlyFile(Path dir) {
        List<Path> files = visibleFiles(dir).stream()
                .filter(p -> !p.toString().endsWith(".manifest.json") && !p.toString().endsWith(".log"))
                .toList();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    /** Header first, then rows; every value as a String, null for SQL NULL. */
    static List<List<String>> readCsv(Path gzipFile) {
        try (Reader reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(gzipFile)), StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, CSV)) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(Arrays.asList(record.values()));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int reportEntries(String fileName) {
        return Integer.parseInt(query("SELECT COUNT(*) FROM dump_report WHERE file_name = ?", fileName).get(0).get(0));
    }

    static List<List<String>> query(String sql, Object... parameters) {
        TestDatabase.ensureStarted();
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement that changes the test database. */
    static void update(String sql) {
        TestDatabase.ensureStarted();
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Standard error without Quarkus' own start and stop lines, which the integration-test
     * launcher switches on to see the application start.
     */
    static List<String> errorLines(LaunchResult result) {
        return result.getErrorStream().stream()
                .filter(line -> !line.isBlank())
                .filter(line -> !QUARKUS_LIFECYCLE.matcher(line).find())
                .toList();
    }

    /**
     * A run that failed after it started: progress lines, then one error line, its exit code,
     * and no file a user would see.
     */
    static void assertFailedMidRun(LaunchResult result, int exitCode, Path outputDir, String... phrases) {
        List<String> lines = errorLines(result);
        assertThat(lines.stream().filter(l -> l.startsWith("dumper: "))).hasSize(1);
        assertThat(lines.get(lines.size() - 1)).startsWith("dumper: ").contains(phrases);
        assertThat(result.exitCode()).isEqualTo(exitCode);
        if (outputDir != null) {
            assertThat(visibleFiles(outputDir)).isEmpty();
        }
    }

    /** A bad input gets exactly one line, starting with "dumper:", and leaves no file behind. */
    static void assertRejected(LaunchResult result, int exitCode, Path outputDir, String... phrases) {
        List<String> lines = errorLines(result);
        assertThat(lines).as("stderr of a rejected run").hasSize(1);
        assertThat(lines.get(0)).startsWith("dumper: ").contains(phrases);
        assertThat(result.exitCode()).as("exit code for: " + lines.get(0)).isEqualTo(exitCode);
        if (outputDir != null) {
            assertThat(visibleFiles(outputDir)).isEmpty();
        }
    }
}
