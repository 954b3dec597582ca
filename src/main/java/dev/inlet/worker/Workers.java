package dev.inlet.worker;

import dev.inlet.config.InletConfig;
import dev.inlet.history.EntryRings;
import dev.inlet.queue.TrimPasses;
import dev.inlet.queue.WorkerMemory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The worker role of one process: {@code instances} {@link WorkerVerticle}s and the process's one
 * {@link TrimTimer}, started after them and stopped before them. What they share process-wide (the
 * {@link WorkerMemory}, the {@link TrimPasses}) Inlet builds once and hands in.
 */
public final class Workers {
    private final Vertx vertx;
    private final String deployment;
    private final TrimTimer trimTimer;

    private Workers(Vertx vertx, String deployment, TrimTimer trimTimer) {
        this.vertx = vertx;
        this.deployment = deployment;
        this.trimTimer = trimTimer;
    }

    /**
     * Deploys the verticles, consumers {@code <host>-0}, {@code <host>-1}, ... (see {@link #hostName}),
     * then starts the trim timer.
     *
     * @param memory the process's in-flight budget, shared by all its worker verticles and their processors
     * @param opsRedis the process's client for operations, which trims the stream
     * @param processors builds a verticle's processor from its Vert.x and its Redis client
     * @param largestBody the largest body an endpoint accepts now (the config's, as reloaded)
     */
    public static Future<Workers> deploy(
            Vertx vertx,
            InletConfig config,
            String redisUrl,
            int instances,
            WorkerMemory memory,
            TrimPasses passes,
            Redis opsRedis,
            BiFunction<Vertx, Redis, EventProcessor> processors,
            LongSupplier largestBody) {
        String host = hostName();
        AtomicInteger index = new AtomicInteger();
        EntryRings outcomeRings = new EntryRings();
        return vertx.deployVerticle(
                        () -> new WorkerVerticle(
                                config,
                                redisUrl,
                                host + "-" + index.getAndIncrement(),
                                memory,
                                processors,
                                largestBody,
                                outcomeRings),
                        // On event loops: an event costs no thread hand-off. Large bodies are parsed on worker
                        // threads (EventPipeline) and custom actions that may block run there (ActionCatalog).
                        new DeploymentOptions().setInstances(instances))
                .map(deployment -> {
                    TrimTimer trimTimer = new TrimTimer(vertx, opsRedis, config, passes);
                    trimTimer.start();
                    return new Workers(vertx, deployment, trimTimer);
                });
    }

    /** Stops trimming, then the verticles: each finishes the events it has in flight. */
    public Future<Void> stop() {
        trimTimer.stop();
        return vertx.undeploy(deployment);
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
}
