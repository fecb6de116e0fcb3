package dumper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dumper.config.TestConfig;

class ApiAccessTest {

    @Test
    void loopback_addresses_are_this_machine() {
        assertThat(ApiAccess.isLoopback("127.0.0.1")).isTrue();
        assertThat(ApiAccess.isLoopback("127.1.2.3")).isTrue();
        assertThat(ApiAccess.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(ApiAccess.isLoopback("[::1]")).isTrue();
    }

    @Test
    void other_addresses_and_names_are_not() {
        assertThat(ApiAccess.isLoopback("192.0.2.7")).isFalse();
        assertThat(ApiAccess.isLoopback("10.1.2.3")).isFalse();
        assertThat(ApiAccess.isLoopback("localhost")).as("a name, not an address: never looked up").isFalse();
        assertThat(ApiAccess.isLoopback(null)).isFalse();
    }

    @Test
    void the_bearer_scheme_is_case_insensitive_and_the_token_is_not() {
        ApiAccess access = new ApiAccess(TestConfig.of(Map.of("dumper.serve.api-token", "s3cret")));
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER", "bEaReR"}) {
            assertThat(access.refusal(scheme + " s3cret", "192.0.2.7", false)).as(scheme).isEmpty();
        }
        assertThat(access.refusal("bearer S3CRET", "192.0.2.7", false)).isPresent();
        assertThat(access.refusal("Basic s3cret", "192.0.2.7", false)).isPresent();
        assertThat(access.refusal(null, "127.0.0.1", false)).isPresent();
    }
}
