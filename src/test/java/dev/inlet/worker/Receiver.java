package dev.inlet.worker;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A real HTTP receiver for the http action, on a free loopback port: records every request and
 * answers with a status chosen per path (200 unless told otherwise), after an optional delay.
 */
public final class Receiver {
    /** One request as received; {@code uri} is the request target as sent (path and query, still encoded). */
    public record Received(String method, String path, MultiMap headers, Buffer body, String uri) {
        public String transid() {
            return headers.get("X-Inlet-Transid");
        }

        public String text() {
            return body.toString();
        }
    }

    private final Vertx vertx;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<String, BiFunction<Received, Integer, Integer>> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    private volatile long delayMillis;
    private HttpServer server;

    private Receiver(Vertx vertx) {
        this.vertx = vertx;
    }

    public static Future<Receiver> start(Vertx vertx) {
        Receiver r = new Receiver(vertx);
        r.server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            Received got = new Received(
                    req.method().name(),
                    req.path(),
                    MultiMap.caseInsensitiveMultiMap().addAll(req.headers()),
                    body,
                    req.uri());
            r.received.add(got);
            int nth = r.tries
                    .computeIfAbsent(got.path() + " " + got.transid(), k -> new AtomicInteger())
                    .incrementAndGet();
            int status = r.statuses.entrySet().stream()
                    .filter(e -> got.path().startsWith(e.getKey()))
                    .map(e -> e.getValue().apply(got, nth))
                    .findFirst()
                    .orElse(200);
            Runnable answer = () -> req.response().setStatusCode(status).end("ok");
            if (r.delayMillis > 0) {
                vertx.setTimer(r.delayMillis, t -> answer.run());
            } else {
                answer.run();
            }
        }));
        return r.server.listen(0, "127.0.0.1").map(s -> r);
    }

    public int port() {
        return server.actualPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /**
     * Answers requests whose path starts with {@code pathPrefix} with the status the function gives
     * for the request and its attempt number (1 for the first request of that path and transid).
     */
    public void respond(String pathPrefix, BiFunction<Received, Integer, Integer> status) {
        statuses.put(pathPrefix, status);
    }

    public void delay(long millis) {
        delayMillis = millis;
    }

    public List<Received> received(Predicate<Received> which) {
        return received.stream().filter(which).toList();
    }

    public List<Received> withTransid(String transid) {
        return received(r -> transid.equals(r.transid()));
    }

    public Future<Void> close() {
        return server.close();
    }

    Vertx vertx() {
        return vertx;
    }
}
