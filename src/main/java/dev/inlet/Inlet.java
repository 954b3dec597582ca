package dev.inlet;

import dev.inlet.actions.ActionCatalog;
import dev.inlet.actions.Bindings;
import dev.inlet.admin.AdminRoutes;
import dev.inlet.config.InletConfig;
import dev.inlet.ingest.EndpointDirectory;
import dev.inlet.ingest.HttpVerticle;
import dev.inlet.metrics.InletMetrics;
import dev.inlet.queue.DeadLetters;
import dev.inlet.queue.EmbeddedRedis;
import dev.inlet.queue.RedisConnector;
import dev.inlet.variables.VariableNames;
import dev.inlet.worker.EventPipeline;
import dev.inlet.worker.WorkerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.redis.client.Redis;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Inlet process: the embedded Redis when configured, a Vert.x instance, the HTTP
 * verticles (one per core, with the admin API when a token is set) and {@code workers.instances}
 * worker verticles running the flows and rules. {@link #start} blocks until it serves; {@link #stop}
 * stops taking requests first, then lets the workers finish the events in flight, then closes Redis.
 */
public final class Inlet {
  private static final Logger LOG = LoggerFactory.getLogger(Inlet.class);
  private static final long START_TIMEOUT_SECONDS = 60;
  /** Long enough for workers to drain their in-flight events (see WorkerVerticle). */
  private static final long STOP_TIMEOUT_SECONDS = 90;

  private final InletConfig config;
  private final Vertx vertx;
  private final EmbeddedRedis embeddedRedis;
  private final String redisUrl;
  private final int port;
  private final String httpDeployment;
  private final String workerDeployment;
  private final Redis adminRedis;

  private Inlet(InletConfig config, Vertx vertx, EmbeddedRedis embeddedRedis, String redisUrl, int port,
      String httpDeployment, String workerDeployment, Redis adminRedis) {
    this.config = config;
    this.vertx = vertx;
    this.embeddedRedis = embeddedRedis;
    this.redisUrl = redisUrl;
    this.port = port;
    this.httpDeployment = httpDeployment;
    this.workerDeployment = workerDeployment;
    this.adminRedis = adminRedis;
  }

  /**
   * Starts everything the config asks for; blocks the calling (non-Vert.x) thread until ready.
   *
   * @throws dev.inlet.config.ConfigException when a flow or rule does not compile, before anything starts
   */
  public static Inlet start(InletConfig config) {
    ActionCatalog catalog = ActionCatalog.load();
    AtomicReference<Bindings> bindings = new AtomicReference<>(Bindings.compile(config, catalog));
    EmbeddedRedis embedded = config.redis().embedded() ? EmbeddedRedis.start() : null;
    String redisUrl = embedded != null ? embedded.url() : config.redis().url();
    InletMetrics metrics = new InletMetrics();
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setPreferNativeTransport(true).setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
        .build();
    Redis adminRedis = null;
    try {
      EndpointDirectory dir = await(EndpointDirectory.build(vertx, config));
      AtomicReference<EndpointDirectory> directory = new AtomicReference<>(dir);
      VariableNames.Recorded recorded = new VariableNames.Recorded();
      String stream = config.redis().stream();

      Consumer<Router> adminRoutes = router -> {};
      if (config.admin().enabled()) {
        adminRedis = RedisConnector.create(vertx, config.redis(), redisUrl, 4);
        adminRoutes = AdminRoutes.create(config, directory::get, new VariableNames(adminRedis, stream, recorded),
            new DeadLetters(adminRedis, dev.inlet.queue.StreamNames.of(config.redis())));
      }
      int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
      // A negative port makes Vert.x pick one free port and share it among all instances.
      int listenPort = config.server().port() == 0 ? -1 : config.server().port();
      List<HttpVerticle> created = new CopyOnWriteArrayList<>();
      Consumer<Router> extraRoutes = adminRoutes;
      String httpDeployment = await(vertx.deployVerticle(() -> {
        HttpVerticle v = new HttpVerticle(config, redisUrl, directory::get, listenPort, extraRoutes, metrics);
        created.add(v);
        return v;
      }, new DeploymentOptions().setInstances(instances)));
      int port = created.get(0).actualPort();

      String workerDeployment = null;
      int workers = config.workers().instances();
      if (workers > 0) {
        String host = hostName();
        AtomicInteger index = new AtomicInteger();
        workerDeployment = await(vertx.deployVerticle(
            () -> new WorkerVerticle(config, redisUrl, host + "-" + index.getAndIncrement(),
                (v, redis) -> new EventPipeline(v, bindings::get, catalog.instantiate(v, redis),
                    new VariableNames(redis, stream, recorded))),
            new DeploymentOptions().setInstances(workers).setThreadingModel(ThreadingModel.WORKER)));
      }
      LOG.info("Inlet listening on {}:{} ({} HTTP verticles, {} workers, redis {}, {} endpoints, admin API {})",
          config.server().host(), port, instances, workers, embedded != null ? "embedded" : "external",
          config.endpoints().size(), config.admin().enabled() ? "on" : "off");
      return new Inlet(config, vertx, embedded, redisUrl, port, httpDeployment, workerDeployment, adminRedis);
    } catch (RuntimeException e) {
      await(vertx.close());
      if (embedded != null) {
        embedded.stop();
      }
      throw e;
    }
  }

  /**
   * Consumer names must be stable across restarts, so a restarted worker reads its own pending
   * entries first: the host name (the container's in Docker and Kubernetes) plus the worker's index.
   */
  static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "inlet";
    }
  }

  /** The port the HTTP verticles listen on (the chosen one when the config says 0). */
  public int port() {
    return port;
  }

  /** The Redis this process uses (the embedded server's URL when embedded). */
  public String redisUrl() {
    return redisUrl;
  }

  public Vertx vertx() {
    return vertx;
  }

  public InletConfig config() {
    return config;
  }

  /**
   * Stops in order: the HTTP verticles (no new events; requests in progress finish), then the
   * workers (they finish the events in flight, which are acknowledged), then Redis connections and
   * the embedded Redis. Blocks until done.
   */
  public void stop() {
    try {
      stopStep(vertx.undeploy(httpDeployment), "HTTP verticles");
      if (workerDeployment != null) {
        stopStep(vertx.undeploy(workerDeployment), "workers");
      }
      if (adminRedis != null) {
        stopStep(adminRedis.close(), "admin Redis client");
      }
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
