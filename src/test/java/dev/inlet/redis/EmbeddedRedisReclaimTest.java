package dev.inlet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.support.ChildInlet;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An Inlet killed without its shutdown hooks (SIGKILL, as {@code -XX:+ExitOnOutOfMemoryError} ends
 * it) leaves its embedded redis-server running; the next start of an embedded Redis stops it and
 * deletes its data, and leaves the servers of living owners alone.
 */
class EmbeddedRedisReclaimTest {

    @Test
    void anOrphanedEmbeddedRedisIsStoppedByTheNextStart() throws Exception {
        int port = ChildInlet.freePort();
        Process child = ChildInlet.start(
                "server: { port: %d }\nworkers: { instances: 1 }\n".formatted(port),
                "embedded-redis-reclaim.log",
                Map.of());
        Vertx vertx = Vertx.vertx();
        try (EmbeddedRedis mine = EmbeddedRedis.start()) {
            ChildInlet.serving(vertx, port)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            Properties entry = registeredBy(child.pid()).orElseThrow();
            long orphan = Long.parseLong(entry.getProperty("pid"));
            Path data = Path.of(entry.getProperty("dir"));

            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

            assertThat(EmbeddedRedisRegistry.reclaimOrphans()).isGreaterThanOrEqualTo(1);
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(data).doesNotExist();
            assertThat(registeredBy(child.pid())).isEmpty();
            // This process is alive: its own server is left running.
            assertThat(mine.isActive()).isTrue();
            assertThat(registeredBy(ProcessHandle.current().pid())).isPresent();
        } finally {
            child.destroyForcibly();
            vertx.close();
        }
    }

    private static Optional<Properties> registeredBy(long owner) throws IOException {
        if (!Files.isDirectory(EmbeddedRedisRegistry.REGISTRY)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(EmbeddedRedisRegistry.REGISTRY, "*.properties")) {
            for (Path file : files) {
                Properties entry = new Properties();
                try (Reader in = Files.newBufferedReader(file)) {
                    entry.load(in);
                }
                if (Long.toString(owner).equals(entry.getProperty("owner"))) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.empty();
    }
}
