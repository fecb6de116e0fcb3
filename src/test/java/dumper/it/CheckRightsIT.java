package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code dumper check} says which rights each datasource's user has: a source user with only
 * SELECT and a report user with SELECT and INSERT on the report table draw no warning about the
 * source, and one line about what the report user lacks (UPDATE, for replaced files).
 */
class CheckRightsIT {

    @Test
    void check_says_what_each_datasource_may_do_and_what_the_report_user_lacks() throws Exception {
        String suffix = Long.toHexString(System.nanoTime());
        String reader = "reader_" + suffix;
        String reporter = "reporter_" + suffix;
        ItSupport.update("CREATE USER '" + reader + "'@'%' IDENTIFIED BY 'pw'");
        ItSupport.update("CREATE USER '" + reporter + "'@'%' IDENTIFIED BY 'pw'");
        try {
            ItSupport.update("GRANT SELECT ON " + TestDatabase.database + ".* TO '" + reader + "'@'%'");
            ItSupport.update("GRANT SELECT, INSERT ON " + TestDatabase.database + ".dump_report TO '" + reporter + "'@'%'");
            Path out = ItSupport.newOutputDir("rights");
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.username", reader);
            config.put("quarkus.datasource.password", "pw");
            config.put("dumper.report.enabled", "true");
            config.put("dumper.report.datasource", "portal");
            config.put("quarkus.datasource.portal.jdbc.url", TestDatabase.serverUrl + "/" + TestDatabase.database
                    + TestDatabase.jdbcOptions());
            config.put("quarkus.datasource.portal.username", reporter);
            config.put("quarkus.datasource.portal.password", "pw");
            Path log = out.resolve("check.log");
            int exit = PackagedApp.run(log, config, "check", "zm");
            String text = Files.readString(log);

            assertThat(exit).as(text).isZero();
            assertThat(text).contains("rights <default> (source of zm): SELECT",
                    "rights portal (report entries in dump_report): INSERT, SELECT",
                    "warn  datasource portal: its user lacks UPDATE on dump_report");
            assertThat(text).doesNotContain("warn  datasource <default>");
        } finally {
            ItSupport.update("DROP USER IF EXISTS '" + reader + "'@'%'");
            ItSupport.update("DROP USER IF EXISTS '" + reporter + "'@'%'");
        }
    }
}
