package dev.inlet.ingest;

import dev.inlet.config.InletConfig;
import dev.inlet.config.RedisMode;
import dev.inlet.history.History;
import dev.inlet.history.HistoryWriter;
import dev.inlet.limits.TransactionLimiter;
import dev.inlet.metrics.InletMetrics;
import dev.inlet.queue.EventAppender;
import dev.inlet.queue.StreamNames;
import dev.inlet.redis.CommandBatcher;
import dev.inlet.redis.RedisConnector;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Redis;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest role: one instance per event loop. Each webhook passes the checks of
 * {@link IngestPath#checks} in order, one handler each, and the first that refuses ends it with
 * its code; the last writes the event to the Redis stream and answers 1002. The admin and health
 * routes, when this process serves them, sit on a vertx-web router beside the webhooks.
 */
public final class HttpVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

    private final InletConfig config;
    private final String redisUrl;
    private final Supplier<EndpointDirectory> directory;
    private final int port;
    private final Consumer<Router> extraRoutes;
    private final InletMetrics metrics;
    private final boolean ingest;
    private final BodyMemory bodyMemory;
    private final History history;
    private Redis redis;
    private CheckPool checkPool;
    private HttpServer server;

    /**
     * @param port the port to listen on (the resolved one, never 0 for the second instance on)
     * @param extraRoutes adds routes that are not the ingest path (admin, health), may be a no-op
     * @param ingest whether to serve the webhook routes (false for a worker-only process)
     * @param bodyMemory the process's bound on body bytes in memory, shared by every instance
     * @param history the process's event history, which this instance's webhooks are recorded in
     */
    public HttpVerticle(
            InletConfig config,
            String redisUrl,
            Supplier<EndpointDirectory> directory,
            int port,
            Consumer<Router> extraRoutes,
            InletMetrics metrics,
            boolean ingest,
            BodyMemory bodyMemory,
            History history) {
        this.metrics = metrics;
        this.ingest = ingest;
        this.bodyMemory = bodyMemory;
        this.history = history;
        this.config = config;
        this.redisUrl = redisUrl;
        this.directory = directory;
        this.port = port;
        this.extraRoutes = extraRoutes;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        IngestPath ingestPath = ingest ? mountIngest(router) : null;
        extraRoutes.accept(router);
        router.route().last().handler(ctx -> Responses.send(ctx, ResponseCode.NOT_FOUND));
        // vertx-web fails a path it cannot decode (such as "%ZZ") with 400; answer it in JSON too.
        router.errorHandler(400, ctx -> Responses.send(ctx, ResponseCode.BAD_REQUEST));
        router.errorHandler(404, ctx -> Responses.send(ctx, ResponseCode.NOT_FOUND));
        router.errorHandler(405, ctx -> Responses.send(ctx, ResponseCode.METHOD_NOT_ALLOWED));
        router.errorHandler(413, ctx -> Responses.send(ctx, ResponseCode.PAYLOAD_TOO_LARGE));
        router.errorHandler(500, HttpVerticle::internalError);

        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.server().host())
                .setPort(port)
                .setIdleTimeout((int) config.server().idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                .setDecompressionSupported(false)
                .setMaxHeaderSize(16 * 1024);
        // Webhooks take the direct way into their checks; everything else (and any webhook path that
        // needs decoding) goes through the router.
        Handler<HttpServerRequest> requests = ingestPath == null
                ? router
                : req -> {
                    if (!ingestPath.take(req)) {
                        router.handle(req);
                    }
                };
        server = vertx.createHttpServer(options).requestHandler(requests);
        return server.listen();
    }

    /** The webhook path ({@link IngestPath#checks} in order) and its Redis pool; a worker-only process opens neither. */
    private IngestPath mountIngest(Router router) {
        redis = RedisConnector.create(
                vertx, config.redis(), redisUrl, config.redis().poolSize());
        CommandBatcher batcher =
                new CommandBatcher(redis, context, config.redis().timeout().toMillis());
        EventAppender appender = new EventAppender(
                redis, context, StreamNames.of(config.redis()), config.redis().timeout());
        TransactionLimiter limiter =
                new TransactionLimiter(batcher, config.redis().timeout());
        checkPool = CheckPool.create(vertx);
        boolean cluster = config.redis().mode() == RedisMode.CLUSTER;
        HistoryWriter historyWriter = cluster
                ? new HistoryWriter(
                        context,
                        HistoryWriter.Sink.of(new CommandBatcher(
                                redis, context, config.redis().timeout().toMillis())),
                        history)
                : HistoryWriter.riding(context, (command, key, bytes) -> appender.ride(command, bytes), history);
        if (!cluster) {
            // The round's records ride in the write of the round's events, not in one of their own.
            appender.beforeWrite(historyWriter::flush);
        }
        IngestPath ingestPath = IngestPath.create(
                vertx,
                context,
                directory,
                config.server().idleTimeout(),
                bodyMemory,
                checkPool,
                limiter,
                appender,
                metrics,
                historyWriter);
        for (String path : IngestPath.ROUTES) {
            router.post(path).handler(ctx -> ingestPath.run(ctx.request(), ctx.pathParam("endpointId")));
            router.get(path).handler(ctx -> ingestPath.run(ctx.request(), ctx.pathParam("endpointId")));
            router.route(path).handler(ctx -> Responses.send(ctx, ResponseCode.METHOD_NOT_ALLOWED));
        }
        return ingestPath;
    }

    private static void internalError(RoutingContext ctx) {
        LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.normalizedPath(), ctx.failure());
        Responses.send(ctx, ResponseCode.INTERNAL_ERROR, null, 1);
    }

    /** The port this instance listens on. */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.shutdown(30, TimeUnit.SECONDS);
        return closed.eventually(() -> checkPool == null ? Future.succeededFuture() : checkPool.close())
                .eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
    }
}
