package dev.inlet;

import dev.inlet.config.InletConfig;
import dev.inlet.ingest.EndpointDirectory;
import dev.inlet.ingest.HttpVerticle;
import dev.inlet.metrics.InletMetrics;
import dev.inlet.queue.EmbeddedRedis;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Inlet process: the embedded Redis when configured, a Vert.x instance, the HTTP
 * verticles (one per core). {@link #start} blocks until it serves; {@link #stop} undoes it in
 * reverse order, the embedded Redis last.
 */
public final class Inlet {
  private static final Logger LOG = LoggerFactory.getLogger(Inlet.class);
  private static final long START_TIMEOUT_SECONDS = 60;

  private final InletConfig config;
  private final Vertx vertx;
  private final EmbeddedRedis embeddedRedis;
  private final String redisUrl;
  private final AtomicReference<EndpointDirectory> directory;
  private final int port;

  private Inlet(InletConfig config, Vertx vertx, EmbeddedRedis embeddedRedis, String redisUrl,
      AtomicReference<EndpointDirectory> directory, int port) {
    this.config = config;
    this.vertx = vertx;
    this.embeddedRedis = embeddedRedis;
    this.redisUrl = redisUrl;
    this.directory = directory;
    this.port = port;
  }

  /** Starts everything the config asks for; blocks the calling (non-Vert.x) thread until ready. */
  public static Inlet start(InletConfig config) {
    EmbeddedRedis embedded = config.redis().embedded() ? EmbeddedRedis.start() : null;
    String redisUrl = embedded != null ? embedded.url() : config.redis().url();
    InletMetrics metrics = new InletMetrics();
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setPreferNativeTransport(true).setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
        .build();
    try {
      EndpointDirectory dir = await(EndpointDirectory.build(vertx, config));
      AtomicReference<EndpointDirectory> directory = new AtomicReference<>(dir);
      int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
      // A negative port makes Vert.x pick one free port and share it among all instances.
      int listenPort = config.server().port() == 0 ? -1 : config.server().port();
      List<HttpVerticle> created = new CopyOnWriteArrayList<>();
      await(vertx.deployVerticle(() -> {
        HttpVerticle v = new HttpVerticle(config, redisUrl, directory::get, listenPort, router -> {}, metrics);
        created.add(v);
        return v;
      }, new DeploymentOptions().setInstances(instances)));
      int port = created.get(0).actualPort();
      LOG.info("Inlet listening on {}:{} ({} HTTP verticles, redis {}, {} endpoints)",
          config.server().host(), port, instances, embedded != null ? "embedded" : "external", config.endpoints().size());
      return new Inlet(config, vertx, embedded, redisUrl, directory, port);
    } catch (RuntimeException e) {
      await(vertx.close());
      if (embedded != null) {
        embedded.stop();
      }
      throw e;
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

  /** Stops serving, closes Redis connections, then stops the embedded Redis. Blocks until done. */
  public void stop() {
    try {
      await(vertx.close());
    } finally {
      if (embeddedRedis != null) {
        embeddedRedis.stop();
      }
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("start-up did not finish in " + START_TIMEOUT_SECONDS + " s", e);
    }
  }
}
