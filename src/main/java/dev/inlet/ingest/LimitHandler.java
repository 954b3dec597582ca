package dev.inlet.ingest;

import dev.inlet.limits.TransactionLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spends one transaction of the service's and the endpoint's limits (7020 / 429 with Retry-After
 * when spent). Runs after every other check, so refused requests spend nothing. Redis unreachable
 * here is 7005: a limit that cannot be checked is not waived.
 */
public final class LimitHandler implements io.vertx.core.Handler<Exchange> {
    private static final Logger LOG = LoggerFactory.getLogger(LimitHandler.class);

    private final TransactionLimiter limiter;

    private LimitHandler(TransactionLimiter limiter) {
        this.limiter = limiter;
    }

    public static LimitHandler create(TransactionLimiter limiter) {
        return new LimitHandler(limiter);
    }

    @Override
    public void handle(Exchange ex) {
        Endpoint endpoint = ex.endpoint();
        if (endpoint.limits().isEmpty()) {
            ex.next();
            return;
        }
        limiter.acquire(endpoint.limits()).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn(
                        "limit check failed for endpoint {}: {}",
                        endpoint.id(),
                        ar.cause().toString());
                ex.answer(ResponseCode.INTERNAL_ERROR, null, 1);
            } else if (ar.result() > 0) {
                ex.answer(ResponseCode.LIMIT_REACHED, null, Math.max(1, (ar.result() + 999) / 1000));
            } else {
                ex.next();
            }
        });
    }
}
