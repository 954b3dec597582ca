package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.bench.ScaleConfig;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.InletConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Building a large directory (a reload's work) leaves the event loops free: the endpoints are
 * compiled on a worker, and a rebuild takes over the unchanged endpoints of the running directory.
 */
@ExtendWith(VertxExtension.class)
class EndpointDirectoryBuildTest {
    private static final int ENDPOINTS = 3_000;
    private static final int SERVICES = 30;

    @TempDir
    Path dir;

    /** {@link ScaleConfig}'s endpoints and services, with {@code server} settings added. */
    private InletConfig config(String server) {
        Path file = dir.resolve("scale-" + server.hashCode() + ".yaml");
        String process = "server: { port: 0, host: 127.0.0.1" + server + " }\n"
                + "redis: { url: \"redis://127.0.0.1:6379\", stream: \"test:directory\" }\n";
        ScaleConfig.writeFile(file, process, ENDPOINTS, SERVICES);
        return new ConfigLoader(Map.of()).load(file);
    }

    @Test
    void aBuildStartedOnAnEventLoopCompilesOnAWorkerWhileTheLoopRunsOn(Vertx vertx, VertxTestContext tc) {
        InletConfig config = config("");
        Context loop = vertx.getOrCreateContext();
        AtomicBoolean loopRan = new AtomicBoolean();
        AtomicReference<String> completedOn = new AtomicReference<>();
        loop.runOnContext(start -> {
            // Queued before the build starts: a build compiled on this loop would be complete (and its
            // handler run) within this task, before the loop gets to it.
            loop.runOnContext(next -> loopRan.set(true));
            EndpointDirectory.build(vertx, config)
                    .onComplete(tc.succeeding(directory -> tc.verify(() -> {
                        completedOn.set(Thread.currentThread().getName());
                        assertThat(loopRan)
                                .as("the loop ran a task while the build was under way")
                                .isTrue();
                        assertThat(directory.find(ScaleConfig.endpointId(1))).isNotNull();
                        assertThat(directory.find(ScaleConfig.endpointId(ENDPOINTS - 1)))
                                .isNotNull();
                        assertThat(completedOn.get()).contains("eventloop");
                        tc.completeNow();
                    })));
        });
    }

    @Test
    void aRebuildTakesOverTheUnchangedEndpointsAndCompilesTheChangedOnes(Vertx vertx, VertxTestContext tc) {
        InletConfig config = config("");
        String first = ScaleConfig.endpointId(1);
        EndpointDirectory.build(vertx, config)
                .compose(running -> EndpointDirectory.build(vertx, config(", maxBodySize: 1KiB"), running)
                        .map(next -> {
                            tc.verify(() -> {
                                // Every endpoint's maxBodySize changed with the server's default.
                                assertThat(next.find(first)).isNotSameAs(running.find(first));
                                assertThat(next.find(first).config().maxBodySize())
                                        .isEqualTo(1024);
                            });
                            return running;
                        }))
                .compose(running -> EndpointDirectory.build(vertx, config, running)
                        .map(next -> {
                            tc.verify(() -> {
                                assertThat(next.find(first)).isSameAs(running.find(first));
                                assertThat(next.configs(config.endpoints()).get(1))
                                        .isSameAs(running.find(first).config());
                            });
                            return next;
                        }))
                .onComplete(tc.succeedingThenComplete());
    }
}
