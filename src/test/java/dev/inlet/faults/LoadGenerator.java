package dev.inlet.faults;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * K concurrent senders, each posting its own unique ids one after the other, as a webhook sender
 * would: every attempt's answer is recorded, and an id whose answer was not 1002 (7005, or no
 * answer at all) is retried after a short delay up to {@code maxAttempts} times. Bounded: the run
 * ends after at most senders × perSender × maxAttempts attempts, each bounded by {@code requestTimeoutMs}.
 */
final class LoadGenerator {
    /**
     * @param maxAttempts attempts per id (1 = no retry)
     * @param padBytes filler added to each body, to make events bigger
     */
    record Options(
            int senders, int perSender, int maxAttempts, long retryDelayMs, long requestTimeoutMs, int padBytes) {
        static Options of(int senders, int perSender) {
            return new Options(senders, perSender, 1, 100, 10_000, 0);
        }

        Options retrying(int attempts, long delayMs) {
            return new Options(senders, perSender, attempts, delayMs, requestTimeoutMs, padBytes);
        }

        Options timeout(long ms) {
            return new Options(senders, perSender, maxAttempts, retryDelayMs, ms, padBytes);
        }

        Options padded(int bytes) {
            return new Options(senders, perSender, maxAttempts, retryDelayMs, requestTimeoutMs, bytes);
        }
    }

    private final Vertx vertx;
    private final IntSupplier port;
    private final String path;
    private final MultiMap headers;
    private final Options options;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();

    /** {@code port} is read per attempt, so a test may point the senders at a restarted server. */
    LoadGenerator(Vertx vertx, IntSupplier port, String path, MultiMap headers, Options options) {
        this.vertx = vertx;
        this.port = port;
        this.path = path;
        this.headers = headers;
        this.options = options;
    }

    /** Attempts answered so far (any answer, including failures), for triggering a fault mid-load. */
    int answered() {
        return answered.get();
    }

    /** Attempts answered 1002 so far. */
    int queued() {
        return queued.get();
    }

    /** Runs the load; completes when every sender is done, with every id's attempts. */
    Future<LoadResult> run(String runId) {
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2_000),
                new PoolOptions().setHttp1MaxSize(options.senders()).setMaxWaitQueueSize(-1));
        LoadResult result = new LoadResult(options.senders() * options.perSender());
        List<Future<Void>> senders = new ArrayList<>();
        for (int s = 0; s < options.senders(); s++) {
            senders.add(sender(client, result, runId + "-" + s, 0));
        }
        return Future.join(senders).transform(ar -> client.close().map(result));
    }

    private Future<Void> sender(HttpClient client, LoadResult result, String senderId, int index) {
        if (index >= options.perSender()) {
            return Future.succeededFuture();
        }
        String id = senderId + "-" + index;
        result.sent(id);
        return deliver(client, result, id, 1).compose(v -> sender(client, result, senderId, index + 1));
    }

    private Future<Void> deliver(HttpClient client, LoadResult result, String id, int attempt) {
        long started = System.nanoTime();
        return attempt(client, id).transform(ar -> {
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            String outcome = ar.succeeded() ? ar.result() : LoadResult.noAnswer(ar.cause());
            result.record(id, outcome, tookMs);
            answered.incrementAndGet();
            if (LoadResult.QUEUED.equals(outcome)) {
                queued.incrementAndGet();
                return Future.succeededFuture();
            }
            if (attempt >= options.maxAttempts()) {
                return Future.succeededFuture();
            }
            Promise<Void> later = Promise.promise();
            vertx.setTimer(options.retryDelayMs(), t -> later.complete());
            return later.future().compose(v -> deliver(client, result, id, attempt + 1));
        });
    }

    /** One POST; its outcome is the answer's code, or a failure when there is no valid answer. */
    private Future<String> attempt(HttpClient client, String id) {
        JsonObject body = new JsonObject().put("id", id);
        if (options.padBytes() > 0) {
            body.put("pad", "x".repeat(options.padBytes()));
        }
        RequestOptions req = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("127.0.0.1")
                .setPort(port.getAsInt())
                .setURI(path)
                .setHeaders(headers)
                .setIdleTimeout(options.requestTimeoutMs());
        return client.request(req).compose(r -> r.send(body.toBuffer())).compose(res -> res.body()
                .map(b -> code(res.statusCode(), b)));
    }

    private static String code(int status, Buffer body) {
        JsonObject answer = new JsonObject(body);
        String code = answer.getString("code");
        if (code == null || answer.getString("description") == null) {
            throw new IllegalStateException("HTTP " + status + " without a code: " + body);
        }
        return code;
    }
}
