package dumper.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dumper.config.BinaryEncoding;
import dumper.output.ByteSink;
import dumper.output.MemoryBlockWriter;

/** The byte-level writers, value by value, against the formats' own rules. */
class EncodersTest {

    /** VARCHAR as the server describes it; the text encoders look only at the kind. */
    private static final SourceType VARCHAR = new SourceType("VARCHAR", 253, false, false, 1020, 255, 0, true);
    private static final Column TEXT = new Column("t", ColumnKind.TEXT, VARCHAR);

    private static String csv(Optional<String> nullMarker, String... values) {
        CsvEncoder encoder = new CsvEncoder(List.of(TEXT), BinaryEncoding.HEX, nullMarker);
        return encode(encoder, values);
    }

    private static String encode(RowEncoder encoder, String... values) {
        return encode(encoder, TEXT, values);
    }

    /** One row of {@code values}, each written as a value of {@code column}'s kind. */
    private static String encode(RowEncoder encoder, Column column, String... values) {
        MemoryBlockWriter memory = new MemoryBlockWriter();
        ByteSink sink = new ByteSink(memory, 1 << 16);
        for (int i = 0; i < values.length; i++) {
            encoder.beforeField(i, sink);
            if (values[i] == null) {
                encoder.nullValue(column, sink);
            } else if (column.kind() == ColumnKind.NUMBER) {
                encoder.number(column, values[i].getBytes(StandardCharsets.US_ASCII), sink);
            } else {
                encoder.text(column, values[i].getBytes(StandardCharsets.UTF_8), sink);
            }
        }
        encoder.endRow(sink);
        sink.close();
        return memory.text();
    }

    @Test
    void csv_quotes_only_what_rfc_4180_requires_and_doubles_quotes() {
        assertThat(csv(Optional.empty(), "plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", " spaced "))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\", spaced \n");
    }

    @Test
    void csv_keeps_null_and_empty_string_apart() {
        assertThat(csv(Optional.empty(), null, "", "x")).isEqualTo(",\"\",x\n");
        assertThat(csv(Optional.of("\\N"), null, "\\N", "")).isEqualTo("\\N,\"\\N\",\"\"\n");
    }

    @Test
    void csv_passes_multibyte_text_through() {
        assertThat(csv(Optional.empty(), "👩🏽‍⚕️ José, 日本語")).isEqualTo("\"👩🏽‍⚕️ José, 日本語\"\n");
    }

    @Test
    void tsv_uses_the_mysql_text_format() {
        TsvEncoder encoder = new TsvEncoder(List.of(TEXT), BinaryEncoding.HEX);
        assertThat(encode(encoder, "a\tb", null, "back\\slash", "nl\ncr\r", "nul\0", ""))
                .isEqualTo("a\\tb\t\\N\tback\\\\slash\tnl\\ncr\\r\tnul\\0\t\n");
    }

    @Test
    void json_lines_escape_strings_and_keep_null() {
        JsonLinesEncoder encoder = new JsonLinesEncoder(List.of(TEXT, new Column("second \"col\"", ColumnKind.TEXT, VARCHAR)),
                BinaryEncoding.HEX);
        assertThat(encode(encoder, "q\"b\\s\n\t\u0001é", null))
                .isEqualTo("{\"t\":\"q\\\"b\\\\s\\n\\t\\u0001é\",\"second \\\"col\\\"\":null}\n");
    }

    @Test
    void json_lines_numbers_stay_numbers_unless_json_forbids_their_leading_zeros() {
        Column number = new Column("n", ColumnKind.NUMBER, VARCHAR);
        JsonLinesEncoder encoder = new JsonLinesEncoder(List.of(number), BinaryEncoding.HEX);
        for (String valid : List.of("0", "-0.01", "42", "0.5", "-1.7976931348623157e308", "2155")) {
            assertThat(encode(encoder, number, valid)).isEqualTo("{\"n\":" + valid + "}\n");
        }
        // INT(5) ZEROFILL and YEAR 0000 as the server sends them.
        for (String zeroFilled : List.of("00042", "0000", "-007")) {
            assertThat(encode(encoder, number, zeroFilled)).isEqualTo("{\"n\":\"" + zeroFilled + "\"}\n");
        }
    }

    @Test
    void bit_values_are_unsigned_numbers() {
        assertThat(new String(RowEncoder.bitsAsNumber(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}), StandardCharsets.US_ASCII)).isEqualTo("18446744073709551615");
        assertThat(new String(RowEncoder.bitsAsNumber(new byte[] {0x01, 0x00}), StandardCharsets.US_ASCII)).isEqualTo("256");
        assertThat(new String(RowEncoder.bitsAsNumber(new byte[] {0}), StandardCharsets.US_ASCII)).isEqualTo("0");
    }
}
