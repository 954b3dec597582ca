package dev.inlet.console;

import dev.inlet.admin.AdminAnswers;
import dev.inlet.config.EndpointConfig;
import dev.inlet.config.InletConfig;
import dev.inlet.history.HistoryKeys;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.metrics.StreamGauges;
import dev.inlet.redis.RedisReplies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /console/api/overview}: every endpoint (at most {@link #PAGE} an answer, by id; {@code
 * after} and {@code next} page) with its service, auth, signature scheme, flows, rules, whether it
 * keeps history, its answer counts by code over the current minute and the last hour and a chart
 * series of accepted (1xxx) and refused answers per minute, oldest first; then Redis (PING time),
 * the workers, the stream and the dead letters. Counts are read from the minute hashes every ingest
 * process adds to ({@link HistoryKeys#counts}): one batch of {@link #MINUTES} reads per endpoint,
 * {@link #CONCURRENT} endpoints at a time, so the Redis pool is never flooded and each step's work
 * on the event loop stays small.
 */
final class ConsoleOverview implements Handler<RoutingContext> {
    static final int PAGE = 500;
    static final int MINUTES = 60;
    static final int CONCURRENT = 8;

    private final Supplier<InletConfig> config;
    private final Redis redis;
    private final HistoryKeys keys;
    private final StreamGauges gauges;
    private final LongSupplier clock;

    ConsoleOverview(
            Supplier<InletConfig> config, Redis redis, HistoryKeys keys, StreamGauges gauges, LongSupplier clock) {
        this.config = config;
        this.redis = redis;
        this.keys = keys;
        this.gauges = gauges;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        InletConfig cfg = config.get();
        String after = ctx.queryParams().get("after");
        if (after != null && after.length() > 256) {
            AdminAnswers.refuse(ctx, ResponseCode.BAD_REQUEST, "after must be an endpoint id");
            return;
        }
        List<EndpointConfig> sorted = cfg.endpoints().stream()
                .filter(e -> after == null || e.id().compareTo(after) > 0)
                .sorted(Comparator.comparing(EndpointConfig::id))
                .limit(PAGE + 1L)
                .toList();
        List<EndpointConfig> page = sorted.subList(0, Math.min(PAGE, sorted.size()));
        long minute = clock.getAsLong() / 60_000;
        JsonArray endpoints = new JsonArray();
        Future<Void> counted = Future.succeededFuture();
        for (int from = 0; from < page.size(); from += CONCURRENT) {
            List<EndpointConfig> chunk = page.subList(from, Math.min(page.size(), from + CONCURRENT));
            counted = counted.compose(v -> Future.all(
                            chunk.stream().map(e -> counts(e.id(), minute)).toList())
                    .map(all -> {
                        for (int i = 0; i < chunk.size(); i++) {
                            List<Map<String, String>> minutes = all.resultAt(i);
                            endpoints.add(endpoint(chunk.get(i), minutes, minute));
                        }
                        return null;
                    }));
        }
        long started = System.nanoTime();
        Future<JsonObject> health = redis.send(Request.cmd(Command.PING))
                .map(pong ->
                        new JsonObject().put("ok", true).put("millis", (System.nanoTime() - started) / 1_000_000.0))
                .otherwise(err -> new JsonObject().put("ok", false).putNull("millis"))
                .map(r -> r.put("mode", cfg.redis().mode().name().toLowerCase(Locale.ROOT)));
        Future<StreamGauges.Reading> stream = gauges.read().otherwise(StreamGauges.Reading.UNKNOWN);
        Future.all(counted, health, stream).onComplete(done -> {
            if (done.failed()) {
                AdminAnswers.refuse(ctx, ResponseCode.INTERNAL_ERROR, "Redis did not answer the counts' reads");
                return;
            }
            StreamGauges.Reading r = stream.result();
            ctx.json(new JsonObject()
                    .put("endpoints", endpoints)
                    .put("next", sorted.size() > PAGE ? page.get(PAGE - 1).id() : null)
                    .put("redis", health.result())
                    .put(
                            "workers",
                            new JsonObject()
                                    .put("instances", cfg.workers().instances())
                                    .put("consumers", r.consumers()))
                    .put(
                            "stream",
                            new JsonObject()
                                    .put("length", r.length())
                                    .put("pending", r.pending())
                                    .put("lag", r.lag()))
                    .put("deadLetters", r.deadLetters()));
        });
    }

    /** The counts of the {@link #MINUTES} minutes up to {@code minute}, oldest first: code to count. */
    private Future<List<Map<String, String>>> counts(String endpoint, long minute) {
        List<Request> reads = new ArrayList<>(MINUTES);
        for (long m = minute - MINUTES + 1; m <= minute; m++) {
            reads.add(Request.cmd(Command.HGETALL).arg(keys.counts(endpoint, m)));
        }
        return redis.batch(reads).map(replies -> {
            List<Map<String, String>> out = new ArrayList<>(MINUTES);
            for (Response reply : replies) {
                out.add(RedisReplies.fields(reply));
            }
            return out;
        });
    }

    private static JsonObject endpoint(EndpointConfig e, List<Map<String, String>> minutes, long minute) {
        Map<String, Long> hour = new TreeMap<>();
        Map<String, Long> last = new TreeMap<>();
        JsonArray series = new JsonArray();
        for (int i = 0; i < minutes.size(); i++) {
            long accepted = 0;
            long refused = 0;
            for (Map.Entry<String, String> c : minutes.get(i).entrySet()) {
                long n = parse(c.getValue());
                hour.merge(c.getKey(), n, Long::sum);
                if (i == minutes.size() - 1) {
                    last.put(c.getKey(), n);
                }
                if (c.getKey().startsWith("1")) {
                    accepted += n;
                } else {
                    refused += n;
                }
            }
            series.add(new JsonObject()
                    .put("t", (minute - minutes.size() + 1 + i) * 60_000)
                    .put("accepted", accepted)
                    .put("refused", refused));
        }
        return ConsoleEndpoints.summary(e)
                .put("counts", new JsonObject().put("minute", json(last)).put("hour", json(hour)))
                .put("series", series);
    }

    private static JsonObject json(Map<String, Long> counts) {
        JsonObject out = new JsonObject();
        counts.forEach(out::put);
        return out;
    }

    private static long parse(String n) {
        try {
            return n == null ? 0 : Long.parseLong(n);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
