package dev.inlet.worker;

import dev.inlet.config.InletConfig;
import dev.inlet.config.WorkersConfig;
import dev.inlet.queue.StreamNames;
import dev.inlet.queue.StreamTrimmer;
import dev.inlet.queue.TrimPasses;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one trim timer of a process: every {@link #period}, one {@link StreamTrimmer} pass on each
 * shard of the event stream, the process's {@link TrimPasses} keeping a pass that outlasts the
 * period from being overlapped by the next. Inlet starts it with the worker verticles and stops it
 * with them; passes from several processes on one stream are idempotent.
 */
final class TrimTimer {
    private static final Logger LOG = LoggerFactory.getLogger(TrimTimer.class);
    /** The longest wait between two passes. */
    static final long MAX_PERIOD_MILLIS = 5_000;

    private final Vertx vertx;
    private final String stream;
    private final List<StreamTrimmer> trimmers;
    private final long period;
    private long timer = -1;

    /**
     * @param redis a client for the trimming commands (not the workers' blocking reads)
     * @param passes the process's passes in progress
     */
    TrimTimer(Vertx vertx, Redis redis, InletConfig config, TrimPasses passes) {
        this.vertx = vertx;
        this.stream = config.redis().stream();
        this.trimmers = StreamNames.of(config.redis()).shards().stream()
                .map(shard ->
                        new StreamTrimmer(redis, shard.stream(), config.redis().maxLength(), true, passes))
                .toList();
        this.period = period(config.workers());
    }

    /** Half of {@code claimIdle}, between 200 ms and {@link #MAX_PERIOD_MILLIS}. */
    static long period(WorkersConfig workers) {
        return Math.max(200, Math.min(MAX_PERIOD_MILLIS, workers.claimIdle().toMillis() / 2));
    }

    void start() {
        timer = vertx.setPeriodic(
                period,
                period,
                t -> trimmers.forEach(trimmer ->
                        trimmer.trim().onFailure(err -> LOG.debug("trimming {} failed: {}", stream, err.toString()))));
    }

    /** Starts no further pass; one under way finishes on its own. */
    void stop() {
        vertx.cancelTimer(timer);
    }
}
