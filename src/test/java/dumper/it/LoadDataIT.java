package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/**
 * A TSV file with header=false goes back into the server with its own LOAD DATA LOCAL INFILE and
 * its defaults, as docs/operations.md says, row for row: CHECKSUM TABLE of the copy equals the
 * source's. With the header (the default), loading the same way does not.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class LoadDataIT {

    @BeforeAll
    static void aSourceWithEveryKindOfAwkwardValue() {
        ItSupport.update("CREATE TABLE load_source LIKE vaccination_event");
        ItSupport.update("INSERT INTO load_source SELECT * FROM vaccination_event WHERE event_time >= '2024-01-01' "
                + "AND event_time < '2024-01-08'");
        // Tabs, line ends, backslashes, the text \N, the empty string and NULL, in a text column.
        ItSupport.update("UPDATE load_source SET notes = ELT(1 + id % 6, 'tab\\there', 'line\\nend\\r', 'back\\\\slash', "
                + "'\\\\N', '', NULL) ORDER BY id LIMIT 60");
    }

    @Test
    void tsv_without_a_header_loads_back_row_for_row() throws Exception {
        assertThat(loadBack("tsvload", "false")).isEqualTo(checksum("load_source"));
    }

    @Test
    void tsv_with_its_header_row_does_not_load_back_with_the_defaults() throws Exception {
        // The header row is refused by a strict server, or loaded as a row of zeros by a lenient one.
        assertThat(loadBack("tsvheader", "true")).isNotEqualTo(checksum("load_source"));
    }

    /**
     * Dumps load_source as TSV, loads the file into a copy of the table, and gives the copy's
     * checksum; null when the server refused the file.
     */
    private static Long loadBack(String type, String header) throws Exception {
        Path out = ItSupport.newOutputDir(type);
        Map<String, String> config = new HashMap<>(TestDatabase.type(type, "SELECT * FROM load_source ORDER BY id", "prohibited"));
        config.put("dumper.dumps." + type + ".format", "tsv");
        config.put("dumper.dumps." + type + ".compression", "none");
        config.put("dumper.dumps." + type + ".header", header);
        config.put("dumper.dumps." + type + ".file-name", "{type}.{ext}");
        config.put("dumper.report.enabled", "false");
        Path log = out.resolve("run.log");
        assertThat(PackagedApp.run(log, config, "--dump", type, "--output-dir", out.toString())).as(Files.readString(log)).isZero();
        Path file = out.resolve(type + ".tsv");
        String copy = type + "_copy";
        ItSupport.update("CREATE TABLE " + copy + " LIKE load_source");
        try (Connection c = DriverManager.getConnection(TestDatabase.serverUrl + "/" + TestDatabase.database
                + TestDatabase.jdbcOptions() + "&allowLoadLocalInfile=true", TestDatabase.user, TestDatabase.password);
                Statement s = c.createStatement()) {
            s.execute("LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE " + copy + " CHARACTER SET utf8mb4");
        } catch (java.sql.SQLException refused) {
            return null;
        }
        return checksum(copy);
    }

    private static long checksum(String table) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("CHECKSUM TABLE " + table)) {
            r.next();
            return r.getLong(2);
        }
    }
}
