package dev.inlet.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inlet's own meters, in one Prometheus registry that Vert.x's HTTP and pool metrics share.
 * Labels stay bounded: endpoints are labelled with the first 8 characters of their id (ids are the
 * endpoints' secret URLs, so they are never exposed whole), requests to unknown endpoints with
 * {@code unknown}; actions with their configured name.
 */
public final class InletMetrics {
    /** Label of requests that named no configured endpoint. */
    public static final String UNKNOWN_ENDPOINT = "unknown";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Map<String, Counter>> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> actions = new ConcurrentHashMap<>();
    private final Timer enqueue;
    private final AtomicLong streamLength = new AtomicLong(-1);
    private final AtomicLong pending = new AtomicLong(-1);
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicLong deadLetters = new AtomicLong(-1);

    public InletMetrics() {
        enqueue = Timer.builder("inlet.enqueue")
                .description("Time from the enqueue call until Redis acknowledged the XADD")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        Gauge.builder("inlet.stream.length", streamLength, AtomicLong::get)
                .description("Entries in the event stream")
                .register(registry);
        Gauge.builder("inlet.stream.pending", pending, AtomicLong::get)
                .description("Entries delivered to workers, not yet acknowledged")
                .register(registry);
        Gauge.builder("inlet.stream.lag", lag, AtomicLong::get)
                .description("Entries not yet delivered to any worker (-1: unknown)")
                .register(registry);
        Gauge.builder("inlet.deadletter.length", deadLetters, AtomicLong::get)
                .description("Entries in the dead-letter stream")
                .register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The endpoint label for an endpoint id: its first 8 characters. */
    public static String endpointLabel(String endpointId) {
        if (endpointId == null) {
            return UNKNOWN_ENDPOINT;
        }
        return endpointId.length() <= 8 ? endpointId : endpointId.substring(0, 8);
    }

    /** Counts one answered request. */
    public void request(String endpointLabel, String code) {
        requests.computeIfAbsent(endpointLabel, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(code, k -> Counter.builder("inlet.requests")
                        .description("Answered ingest requests by endpoint and response code")
                        .tag("endpoint", endpointLabel)
                        .tag("code", code)
                        .register(registry))
                .increment();
    }

    public void enqueued(long nanos) {
        enqueue.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records one action run; {@code outcome} is {@code ok} or {@code failed}. */
    public void action(String action, boolean ok, long nanos) {
        String outcome = ok ? "ok" : "failed";
        actions.computeIfAbsent(action + '\u0000' + outcome, k -> Timer.builder("inlet.action")
                        .description("Action runs by action and outcome")
                        .tag("action", action)
                        .tag("outcome", outcome)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Updates the stream gauges (-1 where a value is unknown). */
    public void stream(long length, long pendingEntries, long undelivered, long deadLetterLength) {
        streamLength.set(length);
        pending.set(pendingEntries);
        lag.set(undelivered);
        deadLetters.set(deadLetterLength);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
