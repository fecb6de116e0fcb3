package dumper.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
