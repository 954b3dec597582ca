package dev.inlet.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.support.ChildInlet;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import dev.inlet.support.Waits;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The signals an operator sends the real process: SIGHUP reloads the config file, SIGTERM stops cleanly. */
@ExtendWith(VertxExtension.class)
class SignalsTest {
    static final String ADDED = "7a6b5c4d3e2f10293847566574839201";

    Process child;

    @AfterEach
    void stop() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    static String yaml(int port, String extraEndpoint) {
        return """
        server: { port: %d, host: 127.0.0.1 }
        redis: { url: "%s", stream: "test:signals:%s" }
        workers: { instances: 0 }
        services: [ { id: s, keys: [k] } ]
        endpoints:
          - { id: 00112233445566778899aabbccddeeff, service: s, format: json }
        %s
        """
                .formatted(port, TestRedis.url(), UUID.randomUUID(), extraEndpoint);
    }

    static void signal(Process p, String name) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(p.pid()))
                        .start()
                        .waitFor())
                .isZero();
    }

    @Test
    void hangupReloadsTheFileAndTermStopsGracefully(Vertx vertx, VertxTestContext tc) throws Exception {
        int port = ChildInlet.freePort();
        Path config = Files.createTempFile("inlet-signals", ".yaml");
        config.toFile().deleteOnExit();
        Files.writeString(config, yaml(port, ""));
        // A process started under nohup (as a CI runner may be) passes SIGHUP on as ignored, and a JVM
        // keeps an ignored SIGHUP ignored; the child gets the default disposition back, as a service has.
        child = ChildInlet.start(List.of("env", "--default-signal=HUP"), config, "signals-child.log", Map.of());
        Http http = new Http(vertx, port);
        ChildInlet.serving(vertx, port)
                .compose(up -> http.post(
                        "/v1/webhooks/" + ADDED, Http.headers("key", "k", "Content-Type", "application/json"), "{}"))
                .compose(before -> vertx.executeBlocking(() -> {
                    tc.verify(() -> assertThat(before.bodyAsJsonObject().getString("code"))
                            .isEqualTo("7008"));
                    Files.writeString(config, yaml(port, "  - { id: " + ADDED + ", service: s, format: json }"));
                    signal(child, "HUP");
                    return null;
                }))
                .compose(v -> Waits.until(vertx, () -> log().contains("configuration reloaded"), 15_000, "the reload"))
                .compose(v -> http.post(
                        "/v1/webhooks/" + ADDED, Http.headers("key", "k", "Content-Type", "application/json"), "{}"))
                .compose(after -> vertx.executeBlocking(() -> {
                    tc.verify(() -> assertThat(after.bodyAsJsonObject().getString("code"))
                            .isEqualTo("1002"));
                    Files.writeString(config, "services: [ { id: broken");
                    signal(child, "HUP");
                    return null;
                }))
                .compose(v -> Waits.until(vertx, () -> log().contains("config reload refused"), 15_000, "the refusal"))
                .compose(v -> http.post(
                        "/v1/webhooks/" + ADDED, Http.headers("key", "k", "Content-Type", "application/json"), "{}"))
                .compose(still -> vertx.executeBlocking(() -> {
                    tc.verify(() -> assertThat(still.bodyAsJsonObject().getString("code"))
                            .as("the running config is kept")
                            .isEqualTo("1002"));
                    signal(child, "TERM");
                    return child.waitFor(30, TimeUnit.SECONDS);
                }))
                .onComplete(tc.succeeding(exited -> tc.verify(() -> {
                    assertThat(exited).as("stopped within 30 s of SIGTERM").isTrue();
                    assertThat(log()).contains("shutting down").contains("stopped");
                    tc.completeNow();
                })));
    }

    private static String log() {
        try {
            return Files.readString(ChildInlet.log("signals-child.log"));
        } catch (IOException e) {
            return "";
        }
    }
}
