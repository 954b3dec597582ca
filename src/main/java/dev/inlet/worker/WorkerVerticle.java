package dev.inlet.worker;

import dev.inlet.config.InletConfig;
import dev.inlet.queue.EventProcessor;
import dev.inlet.queue.RedisConnector;
import dev.inlet.queue.StreamConsumer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role: reads the event stream through the shared consumer group on Redis connections
 * of its own (so a blocked XREADGROUP never starves ingest) and hands each event to the
 * {@link EventProcessor}. Deployed as a worker verticle, so flattening never runs on an event loop.
 */
public final class WorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);
  private static final long DRAIN_MILLIS = 30_000;

  private final InletConfig config;
  private final String redisUrl;
  private final String consumerName;
  private final BiFunction<Vertx, Redis, EventProcessor> processors;
  private Redis reads;
  private Redis ops;
  private StreamConsumer consumer;
  private EventProcessor processor;

  /**
   * @param consumerName stable across restarts of this process, so its own pending entries are read first
   * @param processors builds the processor from this verticle's Vert.x and its Redis client
   */
  public WorkerVerticle(InletConfig config, String redisUrl, String consumerName,
      BiFunction<Vertx, Redis, EventProcessor> processors) {
    this.config = config;
    this.redisUrl = redisUrl;
    this.consumerName = consumerName;
    this.processors = processors;
  }

  @Override
  public Future<?> start() {
    reads = RedisConnector.create(vertx, config.redis(), redisUrl, 1);
    ops = RedisConnector.create(vertx, config.redis(), redisUrl, 4);
    processor = processors.apply(vertx, ops);
    consumer = new StreamConsumer(vertx, reads, ops, config.redis().stream(), consumerName, config.workers(), processor);
    return consumer.start().onSuccess(v -> LOG.info("worker {} consuming {}", consumerName, config.redis().stream()));
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained = consumer == null ? Future.succeededFuture() : consumer.stop(DRAIN_MILLIS);
    return drained
        .eventually(() -> processor == null ? Future.succeededFuture() : processor.close())
        .eventually(() -> Future.join(reads.close(), ops.close()));
  }
}
