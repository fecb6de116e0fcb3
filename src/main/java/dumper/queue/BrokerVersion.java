package dumper.queue;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * RabbitMQ's version, as the broker announces it when a connection opens, and what it means
 * for dumper: only from 3.11.15 on does a broker honour the {@code x-consumer-timeout} that
 * workers ask for; an older one (Debian 12 ships 3.10.8) ignores it silently and closes the
 * channel of a worker that holds a batch longer than its own {@code consumer_timeout}.
 */
record BrokerVersion(int[] numbers) {

    static final BrokerVersion CONSUMER_TIMEOUT_ARGUMENT = new BrokerVersion(new int[] {3, 11, 15});
    private static final Pattern NUMBERS = Pattern.compile("^\\d+(\\.\\d+)*");

    /** The version from the broker's {@code version} property; empty when it holds no version number. */
    static Optional<BrokerVersion> of(Object announced) {
        Matcher numbers = NUMBERS.matcher(String.valueOf(announced));
        return numbers.find()
                ? Optional.of(new BrokerVersion(Arrays.stream(numbers.group().split("\\.")).mapToInt(Integer::parseInt).toArray()))
                : Optional.empty();
    }

    boolean honoursConsumerTimeout() {
        return Arrays.compare(numbers, CONSUMER_TIMEOUT_ARGUMENT.numbers) >= 0;
    }

    @Override
    public String toString() {
        return Arrays.stream(numbers).mapToObj(String::valueOf).collect(Collectors.joining("."));
    }
}
