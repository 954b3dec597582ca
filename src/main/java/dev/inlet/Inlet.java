package dev.inlet;

import dev.inlet.actions.ActionCatalog;
import dev.inlet.actions.Bindings;
import dev.inlet.actions.TimedAction;
import dev.inlet.admin.AdminRoutes;
import dev.inlet.admin.HealthRoutes;
import dev.inlet.config.InletConfig;
import dev.inlet.console.ConsoleRoutes;
import dev.inlet.history.History;
import dev.inlet.ingest.BodyMemory;
import dev.inlet.ingest.EndpointDirectory;
import dev.inlet.ingest.HttpVerticle;
import dev.inlet.metrics.InletMetrics;
import dev.inlet.metrics.StreamGauges;
import dev.inlet.queue.ConsumerGroup;
import dev.inlet.queue.DeadLetters;
import dev.inlet.queue.StreamNames;
import dev.inlet.queue.TrimPasses;
import dev.inlet.queue.WorkerMemory;
import dev.inlet.redis.EmbeddedRedis;
import dev.inlet.redis.RedisConnector;
import dev.inlet.redis.RedisPreflight;
import dev.inlet.variables.FlattenLimits;
import dev.inlet.variables.RecordedNames;
import dev.inlet.variables.VariableNames;
import dev.inlet.worker.EventPipeline;
import dev.inlet.worker.WorkerVerticle;
import dev.inlet.worker.Workers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Inlet process: the embedded Redis when configured, a Vert.x instance, the HTTP
 * verticles (one per core, with the admin API when a token is set) and {@code workers.instances}
 * worker verticles running the flows and rules, with the process's one trim timer. {@link #start}
 * blocks until it serves; {@link #stop} stops taking requests first, then lets the workers finish
 * the events in flight, then closes Redis.
 *
 * <p>Over 300 lines because it is the composition root: every process-wide object is built here
 * and passed down, and start, reload and stop sit together so their order reads at once.
 */
public final class Inlet {
    private static final Logger LOG = LoggerFactory.getLogger(Inlet.class);
    private static final long START_TIMEOUT_SECONDS = 60;
    /** Long enough for workers to drain their in-flight events (see WorkerVerticle). */
    private static final long STOP_TIMEOUT_SECONDS = 90;

    private static final long GAUGE_MILLIS = 5_000;

    private final Vertx vertx;
    private final EmbeddedRedis embeddedRedis;
    private final String redisUrl;
    private final ActionCatalog catalog;
    private final AtomicReference<InletConfig> config;
    private final AtomicReference<EndpointDirectory> directory;
    private final AtomicReference<Bindings> bindings;
    /** The largest body any endpoint of the current config accepts; the workers size their reads by it. */
    private final AtomicLong largestBody;

    private final RecordedNames recorded = new RecordedNames();
    /** What the events in flight of all worker verticles hold: bodies and flattened payloads. */
    private final WorkerMemory workerMemory = WorkerMemory.forThisHeap();
    /** The stream trimming passes under way in this process. */
    private final TrimPasses trimPasses = new TrimPasses();

    private final Redis opsRedis;
    /** The event history's pass, in a process that ingests; null in a worker-only one. */
    private History history;

    private final StreamGauges gauges;
    private int port;
    private String httpDeployment;
    private Workers workers;

    private Inlet(
            InletConfig config,
            Vertx vertx,
            EmbeddedRedis embeddedRedis,
            String redisUrl,
            ActionCatalog catalog,
            Bindings bindings,
            Redis opsRedis,
            StreamGauges gauges) {
        this.config = new AtomicReference<>(config);
        this.largestBody = new AtomicLong(WorkerVerticle.largestBody(config));
        this.vertx = vertx;
        this.embeddedRedis = embeddedRedis;
        this.redisUrl = redisUrl;
        this.catalog = catalog;
        this.directory = new AtomicReference<>();
        this.bindings = new AtomicReference<>(bindings);
        this.opsRedis = opsRedis;
        this.gauges = gauges;
    }

    /** Starts every role: ingest and workers. */
    public static Inlet start(InletConfig config) {
        return start(config, Role.ALL);
    }

    /**
     * Starts what the config and the role ask for; blocks the calling (non-Vert.x) thread until ready.
     *
     * @throws dev.inlet.config.ConfigException when a flow or rule does not compile, before anything starts
     */
    public static Inlet start(InletConfig config, Role role) {
        ActionCatalog catalog = ActionCatalog.load();
        Bindings compiled = Bindings.compile(config, catalog);
        EmbeddedRedis embedded = config.redis().embedded() ? EmbeddedRedis.start() : null;
        String redisUrl = embedded != null ? embedded.url() : config.redis().url();
        InletMetrics metrics = new InletMetrics();
        Vertx vertx = Vertx.builder()
                // The native epoll transport where its library loads (the jar ships Linux x86-64's), else NIO.
                // Vert.x's per-request HTTP server meters cost ~8% of ingest CPU and say less than
                // inlet_requests_total; pools, connections and the http action's client stay measured.
                .with(new VertxOptions()
                        .setPreferNativeTransport(true)
                        .setMetricsOptions(new MicrometerMetricsOptions()
                                .setEnabled(true)
                                .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                .build();
        if (vertx.isNativeTransportEnabled()) {
            LOG.info("network transport: native (epoll)");
        } else {
            LOG.info(
                    "network transport: Java NIO, the native one is unavailable here ({})",
                    String.valueOf(vertx.unavailableNativeTransportCause()));
        }
        Redis opsRedis = RedisConnector.create(vertx, config.redis(), redisUrl, 4);
        StreamNames names = StreamNames.of(config.redis());
        StreamGauges gauges = new StreamGauges(vertx, opsRedis, names, metrics);
        Inlet inlet = new Inlet(config, vertx, embedded, redisUrl, catalog, compiled, opsRedis, gauges);
        try {
            await(RedisPreflight.check(vertx, config.redis(), redisUrl));
            // The group exists from the first start on, so events queued before any worker runs are kept for it.
            await(ConsumerGroup.ensureAll(opsRedis, names));
            inlet.directory.set(await(EndpointDirectory.build(vertx, config)));
            inlet.deployHttp(role, metrics);
            int workers = role.works() ? config.workers().instances() : 0;
            if (workers > 0) {
                inlet.deployWorkers(workers, metrics);
            }
            gauges.start(GAUGE_MILLIS);
            LOG.info(
                    "Inlet {} listening on {}:{} ({} workers, redis {}, {} endpoints, admin API {})",
                    role.name().toLowerCase(java.util.Locale.ROOT),
                    config.server().host(),
                    inlet.port,
                    workers,
                    embedded != null ? "embedded" : "external",
                    config.endpoints().size(),
                    config.admin().enabled() ? "on" : "off");
            return inlet;
        } catch (RuntimeException e) {
            await(vertx.close());
            if (embedded != null) {
                embedded.stop();
            }
            throw e;
        }
    }

    private void deployHttp(Role role, InletMetrics metrics) {
        InletConfig cfg = config.get();
        String stream = cfg.redis().stream();
        Consumer<Router> admin = router -> {};
        if (cfg.admin().enabled()) {
            AdminRoutes api = AdminRoutes.create(
                    cfg,
                    directory::get,
                    new VariableNames(opsRedis, stream, recorded),
                    new DeadLetters(opsRedis, StreamNames.of(cfg.redis())),
                    opsRedis);
            admin = api.andThen(ConsoleRoutes.create(config::get, directory::get, api, opsRedis, gauges));
        }
        Consumer<Router> extraRoutes = admin.andThen(
                router -> HealthRoutes.mount(router, opsRedis, StreamNames.of(cfg.redis()).shard(0).stream(), metrics));
        int instances = role.ingests() ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1;
        // A negative port makes Vert.x pick one free port and share it among all instances.
        int listenPort = cfg.server().port() == 0 ? -1 : cfg.server().port();
        List<HttpVerticle> created = new CopyOnWriteArrayList<>();
        BodyMemory bodyMemory = new BodyMemory(cfg.server().bodyMemory());
        if (role.ingests()) {
            history = new History(vertx, opsRedis, config::get);
            history.start();
        }
        History recordedIn = history;
        httpDeployment = await(vertx.deployVerticle(
                () -> {
                    HttpVerticle v = new HttpVerticle(
                            cfg,
                            redisUrl,
                            directory::get,
                            listenPort,
                            extraRoutes,
                            metrics,
                            role.ingests(),
                            bodyMemory,
                            recordedIn);
                    created.add(v);
                    return v;
                },
                new DeploymentOptions().setInstances(instances)));
        port = created.get(0).actualPort();
    }

    private void deployWorkers(int instances, InletMetrics metrics) {
        InletConfig cfg = config.get();
        String stream = cfg.redis().stream();
        FlattenLimits limits = FlattenLimits.of(cfg.workers());
        workers = await(Workers.deploy(
                vertx,
                cfg,
                redisUrl,
                instances,
                workerMemory,
                trimPasses,
                opsRedis,
                (v, redis) -> new EventPipeline(
                        v,
                        bindings::get,
                        TimedAction.wrap(catalog.instantiate(v, redis), metrics),
                        new VariableNames(redis, stream, recorded),
                        limits,
                        workerMemory),
                largestBody::get));
    }

    /**
     * Swaps in a new configuration without dropping requests: services, endpoints, flows and rules
     * take effect for the next request and the next event. The new file must compile as a whole
     * (else a {@link dev.inlet.config.ConfigException} or a failed JWT key load, and the old one
     * stays); sections that need a restart (server, admin, redis, workers) are reported and kept.
     * Runs on the calling thread (Main's reload thread, never an event loop) and a Vert.x worker,
     * where the endpoints are compiled; requests use the running directory until the new one is
     * whole, then the next one. Unchanged endpoints are taken over from the running directory.
     */
    public void reload(InletConfig next) {
        InletConfig current = config.get();
        EndpointDirectory nextDirectory = await(EndpointDirectory.build(vertx, next, directory.get()));
        List<String> restart = new java.util.ArrayList<>();
        if (!next.server().equals(current.server())) {
            restart.add("server");
        }
        if (!next.admin().equals(current.admin())) {
            restart.add("admin");
        }
        if (!next.redis().equals(current.redis())) {
            restart.add("redis");
        }
        if (!next.workers().equals(current.workers())) {
            restart.add("workers");
        }
        InletConfig applied = new InletConfig(
                current.server(),
                current.admin(),
                current.redis(),
                current.workers(),
                next.services(),
                nextDirectory.configs(next.endpoints()),
                next.flows(),
                next.rules());
        // Bound to the configs the directory holds, so an unchanged endpoint's config is held once; a
        // flow or rule that does not compile refuses the reload here, before anything is swapped.
        Bindings nextBindings = Bindings.compile(applied, catalog);
        directory.set(nextDirectory);
        bindings.set(nextBindings);
        config.set(applied);
        largestBody.set(WorkerVerticle.largestBody(applied));
        LOG.info(
                "configuration reloaded: {} services, {} endpoints, {} flows, {} rules",
                next.services().size(),
                next.endpoints().size(),
                next.flows().size(),
                next.rules().size());
        if (!restart.isEmpty()) {
            LOG.warn(
                    "changes to {} take effect only after a restart; the running values are kept",
                    String.join(", ", restart));
        }
    }

    /** The port the HTTP verticles listen on (the chosen one when the config says 0). */
    public int port() {
        return port;
    }

    /** What the events in flight of this process's workers hold now, and may hold together. */
    public WorkerMemory workerMemory() {
        return workerMemory;
    }

    /** The Redis this process uses (the embedded server's URL when embedded). */
    public String redisUrl() {
        return redisUrl;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The configuration in force (after any reload). */
    public InletConfig config() {
        return config.get();
    }

    /**
     * Stops in order: the HTTP verticles (no new events; requests in progress finish), then the
     * workers (they finish the events in flight, which are acknowledged), then Redis connections and
     * the embedded Redis. Blocks until done.
     */
    public void stop() {
        try {
            if (httpDeployment != null) {
                stopStep(vertx.undeploy(httpDeployment), "HTTP verticles");
            }
            if (workers != null) {
                stopStep(workers.stop(), "workers");
            }
            if (history != null) {
                stopStep(history.stop(), "event history");
            }
            gauges.stop();
            stopStep(opsRedis.close(), "operations Redis client");
            await(vertx.close(), STOP_TIMEOUT_SECONDS);
        } finally {
            if (embeddedRedis != null) {
                embeddedRedis.stop();
            }
        }
    }

    private static void stopStep(Future<Void> step, String what) {
        try {
            await(step, STOP_TIMEOUT_SECONDS);
        } catch (RuntimeException e) {
            LOG.warn("stopping the {} failed: {}", what, e.getMessage());
        }
    }

    static <T> T await(Future<T> future) {
        return await(future, START_TIMEOUT_SECONDS);
    }

    private static <T> T await(Future<T> future, long seconds) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("did not finish in " + seconds + " s", e);
        }
    }
}
