package dumper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrokerVersionTest {

    @Test
    void brokers_before_3_11_15_ignore_the_consumer_timeout() {
        assertThat(BrokerVersion.of("3.10.8").orElseThrow().honoursConsumerTimeout()).isFalse();
        assertThat(BrokerVersion.of("3.11.14").orElseThrow().honoursConsumerTimeout()).isFalse();
    }

    @Test
    void brokers_from_3_11_15_on_honour_it() {
        assertThat(BrokerVersion.of("3.11.15").orElseThrow().honoursConsumerTimeout()).isTrue();
        assertThat(BrokerVersion.of("3.12.0").orElseThrow().honoursConsumerTimeout()).isTrue();
        assertThat(BrokerVersion.of("4.1.4+2.g1a2b3c").orElseThrow().honoursConsumerTimeout()).isTrue();
    }

    @Test
    void a_version_without_numbers_says_nothing() {
        assertThat(BrokerVersion.of(null)).isEmpty();
        assertThat(BrokerVersion.of("unknown")).isEmpty();
    }
}
