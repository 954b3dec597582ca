package dev.inlet.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server (shipped inside the embedded-redis jar) on a free loopback port, owned by this
 * process: started before the verticles and stopped last. For trying Inlet and for tests; production
 * sets {@code redis.url} to its own Redis.
 *
 * <p>A process that ends without its shutdown hooks (SIGKILL, or {@code -XX:+ExitOnOutOfMemoryError})
 * cannot stop its server. So every server is registered with its owner
 * ({@link EmbeddedRedisRegistry}), and each start first stops the servers whose owner is gone and
 * deletes their data. {@code bin/inlet} also kills the JVM's children on an out-of-memory error,
 * before the JVM exits.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final int port;
    private final Path dir;
    private final boolean appendOnly;
    private final String appendFsync;
    private RedisServer server;
    private Path registration;

    private EmbeddedRedis(int port, Path dir, boolean appendOnly, String appendFsync) {
        this.port = port;
        this.dir = dir;
        this.appendOnly = appendOnly;
        this.appendFsync = appendFsync;
    }

    /** Starts a server on a free port with its data in a fresh temporary folder. */
    public static EmbeddedRedis start() {
        try {
            return start(freePort(), Files.createTempDirectory("inlet-redis"), false, "everysec");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Redis", e);
        }
    }

    /**
     * Starts a server on a free port and a fresh temporary folder with the append-only file on,
     * fsynced as {@code appendFsync} says ({@code always}, {@code everysec} or {@code no}).
     */
    public static EmbeddedRedis startAppendOnly(String appendFsync) {
        try {
            return start(freePort(), Files.createTempDirectory("inlet-redis"), true, appendFsync);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Redis", e);
        }
    }

    /** Starts a server on a given port and data folder, e.g. to restart one with its data kept. */
    public static EmbeddedRedis start(int port, Path dir, boolean appendOnly) {
        return start(port, dir, appendOnly, "everysec");
    }

    /** As {@link #start(int, Path, boolean)}, with the append-only file's fsync policy. */
    public static EmbeddedRedis start(int port, Path dir, boolean appendOnly, String appendFsync) {
        EmbeddedRedis redis = new EmbeddedRedis(port, dir, appendOnly, appendFsync);
        redis.startServer();
        return redis;
    }

    private void startServer() {
        EmbeddedRedisRegistry.reclaimOrphans();
        Path pidFile = dir.toAbsolutePath().resolve("redis.pid");
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dir.toAbsolutePath())
                    // Written even when not daemonized, since it is named: how the registry learns the pid.
                    .setting("pidfile " + pidFile)
                    .setting("save \"\"")
                    .setting("appendonly " + (appendOnly ? "yes" : "no"))
                    .setting("appendfsync " + appendFsync)
                    .setting("maxmemory-policy noeviction")
                    // Inlet stops it last, after the workers; a hook of its own would kill it mid-shutdown.
                    .onShutdownForceStop(false)
                    .build();
            server.start();
            LOG.info("embedded Redis listening on 127.0.0.1:{}", port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Redis on port " + port, e);
        }
        registration = EmbeddedRedisRegistry.register(pidFile, dir, port);
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public boolean appendOnly() {
        return appendOnly;
    }

    public String appendFsync() {
        return appendFsync;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isActive() {
        return server != null && server.isActive();
    }

    /**
     * Stops the server (the process is killed, as in a crash) and waits until its port is closed, so
     * it can be started again on the same port at once; its data folder stays.
     */
    public void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                LOG.warn("embedded Redis did not stop cleanly: {}", e.getMessage());
            }
            server = null;
            awaitPortClosed();
            EmbeddedRedisRegistry.unregister(registration);
            registration = null;
        }
    }

    private void awaitPortClosed() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException closed) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn("embedded Redis on port {} still accepts connections after stop", port);
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
