package dumper.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dumper.export.ResultShape.TypedColumn;

class ResultShapeTest {

    private static final ResultShape FIRST = shape("id BIGINT", "event_time DATETIME(3)", "amount DECIMAL(10,2)");

    private static ResultShape shape(String... columns) {
        return new ResultShape(List.of(columns).stream().map(c -> new TypedColumn(c.split(" ")[0], c.split(" ", 2)[1])).toList());
    }

    @Test
    void the_same_columns_are_no_change() {
        assertThat(shape("id BIGINT", "event_time DATETIME(3)", "amount DECIMAL(10,2)").changesFrom(FIRST)).isEmpty();
    }

    @Test
    void an_added_column_is_named_with_its_type() {
        assertThat(shape("id BIGINT", "event_time DATETIME(3)", "amount DECIMAL(10,2)", "note VARCHAR").changesFrom(FIRST))
                .contains("column note added (VARCHAR)");
    }

    @Test
    void a_dropped_column_is_named_and_the_rest_are_not_called_moved() {
        assertThat(shape("id BIGINT", "amount DECIMAL(10,2)").changesFrom(FIRST)).contains("column event_time dropped");
    }

    @Test
    void a_reorder_names_the_columns_that_moved() {
        assertThat(shape("id BIGINT", "amount DECIMAL(10,2)", "event_time DATETIME(3)").changesFrom(FIRST))
                .contains("column amount moved from position 3 to 2, column event_time moved from position 2 to 3");
    }

    @Test
    void a_changed_type_is_named() {
        assertThat(shape("id BIGINT", "event_time DATETIME", "amount DECIMAL(10,2)").changesFrom(FIRST))
                .contains("column event_time changed from DATETIME(3) to DATETIME");
    }

    @Test
    void the_recorded_text_reads_back_as_the_same_shape_whatever_the_labels_hold() {
        ResultShape odd = new ResultShape(List.of(new TypedColumn("a\tb", "INT"), new TypedColumn("line\nbreak\\", "TEXT"),
                new TypedColumn("", "VARCHAR")));
        assertThat(ResultShape.parse(odd.text())).isEqualTo(odd);
        assertThat(ResultShape.parse(FIRST.text())).isEqualTo(FIRST);
    }
}
