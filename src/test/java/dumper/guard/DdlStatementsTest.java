package dumper.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DdlStatementsTest {

    @Test
    void names_the_table_a_ddl_statement_changes_with_its_schema() {
        assertThat(DdlStatements.table("ALTER TABLE vaccination_event COMMENT = 'x'", "db1")).hasValue("db1.vaccination_event");
        assertThat(DdlStatements.table("alter online table `Other`.`Events` add column x int", "db1")).hasValue("other.events");
        assertThat(DdlStatements.table("/* gh-ost */ DROP TABLE IF EXISTS t1", "db1")).hasValue("db1.t1");
        assertThat(DdlStatements.table("TRUNCATE t2", "db1")).hasValue("db1.t2");
        assertThat(DdlStatements.table("CREATE INDEX i ON t3 (a)", "db1")).hasValue("db1.t3");
        assertThat(DdlStatements.table("OPTIMIZE TABLE t4", "db1")).hasValue("db1.t4");
    }

    @Test
    void queries_and_other_statements_are_no_ddl() {
        assertThat(DdlStatements.table("SELECT * FROM t WHERE note = 'ALTER TABLE t'", "db1")).isEmpty();
        assertThat(DdlStatements.table("UPDATE t SET a = 1", "db1")).isEmpty();
        assertThat(DdlStatements.table(null, "db1")).isEmpty();
    }

    @Test
    void a_querys_words_include_the_tables_it_reads() {
        assertThat(DdlStatements.words("SELECT e.id FROM `Vaccination_Event` e JOIN facility f ON f.id = e.facility_id"))
                .contains("vaccination_event", "facility", "e", "id");
    }
}
