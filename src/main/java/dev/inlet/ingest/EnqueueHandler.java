package dev.inlet.ingest;

import dev.inlet.config.PayloadFormat;
import dev.inlet.metrics.InletMetrics;
import dev.inlet.queue.EventAppender;
import dev.inlet.queue.StoredHeaders;
import dev.inlet.queue.StreamEntry;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the accepted event to the stream and answers 1002 with its transid (the endpoint's
 * {@code answer}, by default 202 and the JSON code body), only after Redis acknowledged the write. Redis failing or slower than {@code redis.timeout}: 7005 / 503 with
 * Retry-After, and the sender retries. A repeat of an idempotency key inside its window answers
 * 1002 with the first transid (the same answer) and is not queued again; a key read from a body over
 * {@link CheckPool#INLINE_LIMIT} is found on ingest's {@link CheckPool}. The request headers go with
 * the event as {@link StoredHeaders}.
 */
public final class EnqueueHandler implements io.vertx.core.Handler<Exchange> {
    private static final Logger LOG = LoggerFactory.getLogger(EnqueueHandler.class);

    private final EventAppender appender;
    private final InletMetrics metrics;
    private final CheckPool pool;
    /** Writes the stored headers into a buffer it reuses: a handler serves one event loop. */
    private final StoredHeaders.Writer storedHeaders = new StoredHeaders.Writer();
    /** The event loop's history, which takes the headers' masked form from the same walk; null when none. */
    private final IngestHistory history;

    private EnqueueHandler(EventAppender appender, InletMetrics metrics, CheckPool pool, IngestHistory history) {
        this.appender = appender;
        this.metrics = metrics;
        this.pool = pool;
        this.history = history;
    }

    /** @param history the event loop's history; null when its exchanges are not recorded */
    static EnqueueHandler create(EventAppender appender, InletMetrics metrics, CheckPool pool, IngestHistory history) {
        return new EnqueueHandler(appender, metrics, pool, history);
    }

    @Override
    public void handle(Exchange ex) {
        IdempotencyKey idem = ex.endpoint().idempotency();
        if (idem == null) {
            append(ex, null, null);
            return;
        }
        byte[] body = ex.body();
        PayloadFormat format = ex.format();
        Function<String, String> headers = ex.request()::getHeader;
        if (idem.inline(body)) {
            append(ex, idem.hash(headers, body, format), idem.window());
        } else {
            pool.run(ex, () -> idem.hash(headers, body, format), hash -> append(ex, hash, idem.window()));
        }
    }

    private void append(Exchange ex, String idemHash, Duration window) {
        Endpoint endpoint = ex.endpoint();
        byte[] body = ex.body();
        PayloadFormat format = ex.format();
        StreamEntry event = StreamEntry.toAppend(
                Transids.next(),
                endpoint.id(),
                endpoint.service().id(),
                System.currentTimeMillis(),
                ex.request().getHeader("Content-Type"),
                format,
                history == null
                        ? storedHeaders.write(ex.request().headers(), endpoint.withheldHeaders())
                        : history.storedHeaders(ex, storedHeaders),
                ex.request().query(),
                body);
        long started = System.nanoTime();
        appender.append(event, idemHash, window).onComplete(ar -> {
            if (ar.succeeded()) {
                metrics.enqueued(System.nanoTime() - started);
                if (ar.result().duplicate() && LOG.isDebugEnabled()) {
                    LOG.debug(
                            "transid={} endpoint={} repeat of an idempotency key, not queued again",
                            ar.result().transid(),
                            endpoint.id());
                }
                ex.accept(ar.result().transid());
            } else {
                LOG.warn(
                        "transid={} endpoint={} could not be queued: {}",
                        event.transid(),
                        endpoint.id(),
                        ar.cause().toString());
                String cause = ar.cause().getClass().getSimpleName();
                ex.refuseRetry(
                        ResponseCode.INTERNAL_ERROR,
                        1,
                        () -> "Redis did not take the event within redis.timeout (" + cause + "); the sender retries");
            }
        });
    }
}
