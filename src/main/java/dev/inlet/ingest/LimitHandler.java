package dev.inlet.ingest;

import dev.inlet.config.LimitConfig;
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
                String cause = ar.cause().getClass().getSimpleName();
                ex.refuseRetry(
                        ResponseCode.INTERNAL_ERROR,
                        1,
                        () -> "the transaction limit could not be checked in Redis (" + cause + "); not waived");
            } else if (ar.result() != null) {
                TransactionLimiter.Spent spent = ar.result();
                long retry = Math.max(1, (spent.waitMillis() + 999) / 1000);
                ex.refuseRetry(ResponseCode.LIMIT_REACHED, retry, () -> spent(endpoint, spent, retry));
            } else {
                ex.next();
            }
        });
    }

    /**
     * The limit that is spent, by its scope, e.g. {@code service shop's limit 100/1s spent; retry in
     * 1 s} or {@code endpoint e1's daily limit 5000 spent; retry in 3600 s}.
     */
    static String spent(Endpoint endpoint, TransactionLimiter.Spent spent, long retrySeconds) {
        boolean service = spent.scope()
                .keyPrefix()
                .equals(TransactionLimiter.serviceScope(
                                endpoint.service().id(), endpoint.service().limit())
                        .keyPrefix());
        LimitConfig limit = spent.scope().limit();
        return (service ? "service " + endpoint.service().id() : "endpoint " + endpoint.id())
                + (spent.daily()
                        ? "'s daily limit " + limit.daily()
                        : "'s limit " + limit.rate() + "/"
                                + duration(limit.per().toMillis()))
                + " spent; retry in " + retrySeconds + " s";
    }

    /** A period as the config writes it: {@code 1s}, {@code 5m}, {@code 250ms}. */
    private static String duration(long millis) {
        long[] units = {86_400_000, 3_600_000, 60_000, 1000};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (millis >= units[i] && millis % units[i] == 0) {
                return millis / units[i] + names[i];
            }
        }
        return millis + "ms";
    }
}
