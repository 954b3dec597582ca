package dev.inlet.redis;

import java.io.IOException;
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

/**
 * Where every embedded redis-server is recorded with the process that owns it, so that one left
 * running by an owner that died without its shutdown hooks (SIGKILL, an out-of-memory exit) is
 * stopped, and its data deleted, by the next start of an embedded Redis. Owners and servers are
 * told apart from reused pids by their start times; only a process whose command names redis is
 * ever stopped, and only data folders Inlet created are deleted.
 */
final class EmbeddedRedisRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisRegistry.class);
    /** Where each running server leaves a file naming its pid, its owner and its data folder. */
    static final Path REGISTRY = Path.of(
            System.getProperty("java.io.tmpdir"), "inlet-embedded-redis-" + System.getProperty("user.name", "user"));

    private EmbeddedRedisRegistry() {}

    /**
     * Records the server whose pid {@code pidFile} names, owned by this process; the entry's file, or
     * null when it could not be recorded (the server still runs, it just cannot be reclaimed).
     */
    static Path register(Path pidFile, Path dir, int port) {
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
            return file;
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "embedded Redis on port {} is not registered, so it cannot be reclaimed if this process dies: {}",
                    port,
                    e.toString());
            return null;
        }
    }

    /** Drops the entry of a server this process stopped itself. */
    static void unregister(Path registration) {
        if (registration == null) {
            return;
        }
        try {
            Files.deleteIfExists(registration);
        } catch (IOException e) {
            LOG.debug("registry entry {} not deleted: {}", registration, e.toString());
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
    static int reclaimOrphans() {
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
}
