package dev.inlet.worker;

import dev.inlet.config.InletConfig;
import dev.inlet.config.RedisMode;
import dev.inlet.history.EntryRings;
import dev.inlet.history.HistoryKeys;
import dev.inlet.history.OutcomeWriter;
import dev.inlet.queue.Acknowledgements;
import dev.inlet.queue.StreamNames;
import dev.inlet.queue.WorkerMemory;
import dev.inlet.redis.CommandSender;
import dev.inlet.redis.RedisConnector;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role: reads every shard of the event stream through the shared consumer group (one
 * {@link ShardConsumer} per shard, sharing one {@link InFlightLimit} and {@link AttemptPolicy}, and
 * with every other worker verticle of the process one {@link WorkerMemory}) on Redis connections of
 * its own (so a blocked XREADGROUP never starves ingest) and hands each event to the
 * {@link EventProcessor}. Trimming the stream is not a verticle's: the process has one
 * {@link TrimTimer}.
 * Deployed on an event loop: reads, small payloads and non-blocking actions run there without a
 * thread hand-off; large payloads ({@link EventPipeline}) and custom actions that may block
 * ({@link dev.inlet.actions.Action#blocking()}) go to worker threads.
 */
public final class WorkerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);
    private static final long DRAIN_MILLIS = 30_000;

    private final InletConfig config;
    private final LongSupplier largestBody;
    private final String redisUrl;
    private final String consumerName;
    private final WorkerMemory memory;
    private final EntryRings outcomeRings;
    private final BiFunction<Vertx, Redis, EventProcessor> processors;
    private Redis reads;
    private Redis ops;
    private final List<ShardConsumer> consumers = new ArrayList<>();
    /** The acknowledgements the round's outcomes ride in: the shard's whose batch is being made. */
    private Acknowledgements ridden;

    private EventProcessor processor;

    /**
     * @param consumerName stable across restarts of this process, so its own pending entries are read first
     * @param memory the process's in-flight budget, shared by all its worker verticles (and their processors)
     * @param processors builds the processor from this verticle's Vert.x and its Redis client
     */
    public WorkerVerticle(
            InletConfig config,
            String redisUrl,
            String consumerName,
            WorkerMemory memory,
            BiFunction<Vertx, Redis, EventProcessor> processors) {
        this(config, redisUrl, consumerName, memory, processors, fixed(largestBody(config)), new EntryRings());
    }

    /**
     * @param largestBody the largest body an endpoint accepts now, which bounds how many entries a read asks for
     * @param outcomeRings the outcome entries the process wrote, shared by all its worker verticles
     */
    public WorkerVerticle(
            InletConfig config,
            String redisUrl,
            String consumerName,
            WorkerMemory memory,
            BiFunction<Vertx, Redis, EventProcessor> processors,
            LongSupplier largestBody,
            EntryRings outcomeRings) {
        this.outcomeRings = outcomeRings;
        this.largestBody = largestBody;
        this.config = config;
        this.redisUrl = redisUrl;
        this.consumerName = consumerName;
        this.memory = memory;
        this.processors = processors;
    }

    private static LongSupplier fixed(long value) {
        return () -> value;
    }

    /** The largest body any endpoint of {@code config} accepts: the most an event in the stream can carry. */
    public static long largestBody(InletConfig config) {
        long largest = config.server().maxBodySize();
        for (var endpoint : config.endpoints()) {
            largest = Math.max(largest, endpoint.maxBodySize());
        }
        return largest;
    }

    @Override
    public Future<?> start() {
        StreamNames streams = StreamNames.of(config.redis());
        // Each shard's consumer blocks in XREADGROUP on a connection of its own.
        reads = RedisConnector.create(vertx, config.redis(), redisUrl, streams.size());
        ops = RedisConnector.create(vertx, config.redis(), redisUrl, 4);
        processor = processors.apply(vertx, ops);
        boolean cluster = config.redis().mode() == RedisMode.CLUSTER;
        // Outside Redis Cluster the round's outcomes ride in the batch of acknowledgements being made
        // (the first shard's until one is), which the same round's events end with: one socket
        // write for both, not one each.
        CommandSender outcomesSender = cluster ? ops::send : command -> ridden.ride(command);
        OutcomeWriter outcomes = new OutcomeWriter(
                context,
                outcomesSender,
                HistoryKeys.of(config.redis().stream()),
                config.workers().maxAttempts(),
                outcomeRings);
        InFlightLimit limit = InFlightLimit.of(config.workers());
        AttemptPolicy policy = AttemptPolicy.of(config.workers());
        for (StreamNames.Shard shard : streams.shards()) {
            consumers.add(new ShardConsumer(
                    vertx,
                    reads,
                    ops,
                    shard,
                    consumerName,
                    config.workers(),
                    processor,
                    policy,
                    limit,
                    memory,
                    largestBody,
                    outcomes));
        }
        if (!cluster) {
            ridden = consumers.get(0).acknowledgements();
            for (ShardConsumer consumer : consumers) {
                Acknowledgements acks = consumer.acknowledgements();
                acks.beforeSend(() -> {
                    ridden = acks;
                    outcomes.flush();
                });
            }
        }
        return Future.all(consumers.stream().map(ShardConsumer::start).toList())
                .onSuccess(v -> LOG.info(
                        "worker {} consuming {} ({} shard{})",
                        consumerName,
                        config.redis().stream(),
                        streams.size(),
                        streams.size() == 1 ? "" : "s"));
    }

    @Override
    public Future<?> stop() {
        Future<?> drained =
                Future.join(consumers.stream().map(c -> c.stop(DRAIN_MILLIS)).toList());
        return drained.eventually(() -> processor == null ? Future.succeededFuture() : processor.close())
                .eventually(() -> Future.join(reads.close(), ops.close()));
    }
}
