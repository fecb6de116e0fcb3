package dumper.queue;

import org.jboss.logging.Logger;

import com.rabbitmq.client.impl.DefaultExceptionHandler;

/**
 * The RabbitMQ client's own handling of a lost broker, a failed recovery or a consumer that
 * throws (closing the channel as by default), logged as one line naming the cause instead of a
 * stack trace per attempt: a broker that goes away is an event an operator reads, not a bug.
 */
final class OneLineExceptionHandler extends DefaultExceptionHandler {

    private static final Logger LOG = Logger.getLogger("dumper.queue");

    @Override
    protected void log(String message, Throwable e) {
        LOG.warnf("RabbitMQ: %s (%s)", message.strip(), e);
    }
}
