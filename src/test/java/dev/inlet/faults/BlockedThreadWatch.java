package dev.inlet.faults;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects what Vert.x's blocked-thread checker logs (an event loop held longer than its limit)
 * while a scenario runs in this JVM; a scenario asserts it stayed empty.
 */
final class BlockedThreadWatch implements AutoCloseable {
    private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";

    private final Logger logger = (Logger) LoggerFactory.getLogger(CHECKER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    BlockedThreadWatch() {
        appender.start();
        logger.addAppender(appender);
    }

    /** The checker's warnings so far, as text. */
    List<String> warnings() {
        synchronized (appender) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
