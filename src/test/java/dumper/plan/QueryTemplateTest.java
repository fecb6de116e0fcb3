package dumper.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTemplateTest {

    @Test
    void named_parameters_become_placeholders_in_order() {
        QueryTemplate q = QueryTemplate.parse("SELECT * FROM t WHERE ts >= :start AND ts < :end ORDER BY ts;\n");
        assertThat(q.jdbcSql()).isEqualTo("SELECT * FROM t WHERE ts >= ? AND ts < ? ORDER BY ts");
        assertThat(q.parameters()).containsExactly("start", "end");
    }

    @Test
    void literals_comments_and_casts_are_left_alone() {
        String sql = "-- window :start .. :end\n"
                + "SELECT ':start', \":end\", `a:b`, 'it''s :x', 'back\\' :y', TIME('10:30') /* :z */, @v := 1, x::int # :w\n"
                + "FROM t WHERE ts >= :start";
        QueryTemplate q = QueryTemplate.parse(sql);
        assertThat(q.parameters()).containsExactly("start");
        assertThat(q.jdbcSql()).endsWith("FROM t WHERE ts >= ?").contains("':start'", "\":end\"", "'10:30'", "/* :z */", "# :w");
    }

    @Test
    void only_statements_that_read_are_selects() {
        for (String sql : new String[] {"SELECT 1", "select 1", "  (SELECT 1) UNION (SELECT 2)", "-- note\n# more\n/* c */ WITH a AS "
                + "(SELECT 1) SELECT * FROM a", "VALUES (1)", "TABLE t"}) {
            assertThat(QueryTemplate.parse(sql).isSelect()).as(sql).isTrue();
        }
        for (String sql : new String[] {"DELETE FROM t", "-- SELECT\nUPDATE t SET a = 1", "/*! DELETE FROM t */ SELECT 1",
                "/*M!100000 DROP TABLE t */", "'SELECT'", "CALL p()", "", "SELECTED", "INSERT INTO t SELECT 1"}) {
            assertThat(QueryTemplate.parse(sql).isSelect()).as(sql).isFalse();
        }
    }

    @Test
    void the_hash_identifies_the_sql_text() {
        assertThat(QueryTemplate.parse("SELECT 1").sha256())
                .isEqualTo("e004ebd5b5532a4b85984a62f8ad48a81aa3460c1ca07701f386135d72cdecf5")
                .isNotEqualTo(QueryTemplate.parse("SELECT 2").sha256());
    }
}
