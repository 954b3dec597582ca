package dev.inlet.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client of the {@link TestRedis} for tests that go step by step: each call waits for its reply
 * (from the test's thread, never an event loop). Owns its Vert.x instance; close it after the tests.
 */
public final class SyncRedis implements AutoCloseable {
    private final Vertx vertx;
    private final Redis redis;

    private SyncRedis(ProtocolVersion protocol) {
        this.vertx = Vertx.vertx();
        this.redis = Redis.createClient(
                vertx, new RedisOptions().setConnectionString(TestRedis.url()).setPreferredProtocolVersion(protocol));
    }

    /** A client that speaks {@code protocol}. */
    public static SyncRedis open(ProtocolVersion protocol) {
        return new SyncRedis(protocol);
    }

    /** A client that speaks what the server and client agree on, as Inlet's do. */
    public static SyncRedis open() {
        return new SyncRedis(null);
    }

    public Vertx vertx() {
        return vertx;
    }

    public Redis client() {
        return redis;
    }

    public Response send(Request request) {
        return await(redis.send(request));
    }

    /** The names and values of the only entry of {@code stream}, as text (bytes as Latin-1, so any byte shows), in order. */
    public List<String> onlyEntry(String stream) {
        Response entries = send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+"));
        if (entries.size() != 1) {
            throw new AssertionError(stream + " holds " + entries.size() + " entries, not one");
        }
        List<String> out = new ArrayList<>();
        entries.get(0).get(1).forEach(v -> out.add(v.toString(StandardCharsets.ISO_8859_1)));
        return out;
    }

    public static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        redis.close();
        await(vertx.close());
    }
}
