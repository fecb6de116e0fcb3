package dumper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BucketAddressTest {

    @Test
    void an_address_names_a_bucket_and_a_prefix_that_ends_in_a_slash() {
        BucketAddress address = BucketAddress.parse("dumper.publish-to", "s3://exports/dumper/zm").orElseThrow();
        assertThat(address.bucket()).isEqualTo("exports");
        assertThat(address.key("a.csv.gz")).isEqualTo("dumper/zm/a.csv.gz");
        assertThat(address.uri("a.csv.gz")).isEqualTo("s3://exports/dumper/zm/a.csv.gz");
        assertThat(BucketAddress.parse("k", "s3://exports/").orElseThrow().key("a")).isEqualTo("a");
        assertThat(BucketAddress.parse("k", "s3://exports").orElseThrow().key("a")).isEqualTo("a");
    }

    @Test
    void none_is_no_bucket() {
        assertThat(BucketAddress.parse("dumper.dumps.zm.publish-to", "none")).isEmpty();
    }

    @Test
    void anything_else_is_one_line_naming_the_key() {
        assertThatThrownBy(() -> BucketAddress.parse("dumper.dumps.zm.publish-to", "https://exports/x"))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageStartingWith("dumper.dumps.zm.publish-to=https://exports/x is not a bucket address");
        assertThatThrownBy(() -> BucketAddress.parse("k", "s3://Upper_Case/")).isInstanceOf(ConfigProblem.class);
    }
}
