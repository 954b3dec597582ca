package dev.inlet.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server (shipped inside the embedded-redis jar) on a free loopback port, owned by this
 * process: started before the verticles and stopped last. For trying Inlet and for tests; production
 * sets {@code redis.url} to its own Redis.
 *
 * <p>A process that ends without its shutdown hooks (SIGKILL, or {@code -XX:+ExitOnOutOfMemoryError})
 * cannot stop its server. So every server is registered in {@link #REGISTRY} with its owner, and each
 * start first stops the servers whose owner is gone (checked by pid and start time, so a reused pid
 * is not mistaken for the owner) and deletes their data. {@code bin/inlet} also kills the JVM's
 * children on an out-of-memory error, before the JVM exits.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
    /** Where each running server leaves a file naming its pid, its owner and its data folder. */
    static final Path REGISTRY = Path.of(
            System.getProperty("java.io.tmpdir"), "inlet-embedded-redis-" + System.getProperty("user.name", "user"));

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
        reclaimOrphans();
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
        register(pidFile);
    }

    /** Records this server in the registry; a server it cannot record still runs (it just cannot be reclaimed). */
    private void register(Path pidFile) {
        try {
            long pid = Long.parseLong(awaitPidFile(pidFile).strip());
            Optional<ProcessHandle> redis = ProcessHandle.of(pid);
            ProcessHandle owner = ProcessHandle.current();
            Properties entry = new Properties();
            entry.setProperty("pid", Long.toString(pid));
            entry.setProperty("started", started(redis));
            entry.setProperty("owner", Long.toString(owner.pid()));
            entry.setProperty("ownerStarted", started(Optional.of(owner)));
            entry.setProperty("dir", dir.toAbsolutePath().toString());
            Files.createDirectories(REGISTRY);
            Path file = REGISTRY.resolve(pid + ".properties");
            try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                entry.store(out, "an embedded Redis of Inlet and the process that owns it");
            }
            registration = file;
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "embedded Redis on port {} is not registered, so it cannot be reclaimed if this process dies: {}",
                    port,
                    e.toString());
        }
    }

    private static String awaitPidFile(Path pidFile) throws IOException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Files.readString(pidFile);
    }

    private static String started(Optional<ProcessHandle> process) {
        return process.flatMap(p -> p.info().startInstant())
                .map(Instant::toString)
                .orElse("");
    }

    /**
     * Stops every registered server whose owning process is gone and deletes its data folder; drops
     * the entries of servers that are gone themselves. Returns how many servers it stopped.
     */
    public static int reclaimOrphans() {
        if (!Files.isDirectory(REGISTRY)) {
            return 0;
        }
        int stopped = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(REGISTRY, "*.properties")) {
            for (Path file : entries) {
                stopped += reclaim(file) ? 1 : 0;
            }
        } catch (IOException e) {
            LOG.debug("embedded Redis registry {} not read: {}", REGISTRY, e.toString());
        }
        return stopped;
    }

    private static boolean reclaim(Path file) {
        Properties entry = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            entry.load(in);
        } catch (IOException e) {
            return false;
        }
        Optional<ProcessHandle> redis = alive(entry.getProperty("pid"), entry.getProperty("started"));
        if (redis.isPresent()
                && alive(entry.getProperty("owner"), entry.getProperty("ownerStarted"))
                        .isPresent()) {
            return false;
        }
        boolean stopped = false;
        if (redis.isPresent()
                && redis.get().info().command().map(c -> c.contains("redis")).orElse(false)) {
            redis.get().destroyForcibly();
            redis.get().onExit().join();
            stopped = true;
            LOG.warn(
                    "stopped the embedded Redis (pid {}) left running by process {}, which ended without stopping it",
                    entry.getProperty("pid"),
                    entry.getProperty("owner"));
            deleteTree(entry.getProperty("dir"));
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("registry entry {} not deleted: {}", file, e.toString());
        }
        return stopped;
    }

    /** The process of that pid when it runs and started at that instant (else a reused pid). */
    private static Optional<ProcessHandle> alive(String pid, String started) {
        try {
            return ProcessHandle.of(Long.parseLong(pid))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> started == null || started.isEmpty() || started.equals(started(Optional.of(p))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void deleteTree(String dir) {
        if (dir == null || !Path.of(dir).getFileName().toString().startsWith("inlet-redis")) {
            return;
        }
        try (Stream<Path> paths = Files.walk(Path.of(dir))) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("data folder {} not deleted: {}", dir, e.toString());
        }
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
            if (registration != null) {
                try {
                    Files.deleteIfExists(registration);
                } catch (IOException e) {
                    LOG.debug("registry entry {} not deleted: {}", registration, e.toString());
                }
                registration = null;
            }
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
