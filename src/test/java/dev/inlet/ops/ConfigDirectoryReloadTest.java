package dev.inlet.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.support.ChildInlet;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import dev.inlet.support.Waits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --config DIR} on the real process: SIGHUP reads the directory again, a file added since
 * included; a directory that no longer merges (the same id in two files) keeps the running config.
 */
@ExtendWith(VertxExtension.class)
class ConfigDirectoryReloadTest {
    private static final String LOG = "config-directory-reload.log";

    @TempDir
    Path dir;

    Process child;

    @AfterEach
    void stop() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    private static String endpoint(String id) {
        return "endpoints: [ { id: " + id + ", service: s, format: json } ]\n";
    }

    @Test
    void hangupRereadsTheDirectoryAndARefusedOneKeepsTheRunningConfig(Vertx vertx, VertxTestContext tc)
            throws Exception {
        int port = ChildInlet.freePort();
        Files.writeString(
                dir.resolve("00-process.yaml"),
                """
                server: { port: %d, host: 127.0.0.1 }
                redis: { url: "%s", stream: "test:config-dir:%s" }
                workers: { instances: 0 }
                """
                        .formatted(port, TestRedis.url(), UUID.randomUUID()));
        Files.writeString(
                dir.resolve("10-model.yaml"),
                "services: [ { id: s, keys: [k] } ]\n" + endpoint("00112233445566778899aabbccddeeff"));
        child = ChildInlet.start(List.of("env", "--default-signal=HUP"), dir, LOG, Map.of());
        Http http = new Http(vertx, port);
        ChildInlet.serving(vertx, port)
                .compose(up -> post(http))
                .compose(before -> vertx.executeBlocking(() -> {
                    tc.verify(() -> assertThat(before).isEqualTo("7008"));
                    Files.writeString(dir.resolve("20-added.yaml"), endpoint(SignalsTest.ADDED));
                    SignalsTest.signal(child, "HUP");
                    return null;
                }))
                .compose(v -> Waits.until(vertx, () -> log().contains("configuration reloaded"), 15_000, "the reload"))
                .compose(v -> post(http))
                .compose(after -> vertx.executeBlocking(() -> {
                    tc.verify(() ->
                            assertThat(after).as("the added file's endpoint").isEqualTo("1002"));
                    Files.writeString(dir.resolve("30-again.yaml"), endpoint(SignalsTest.ADDED));
                    SignalsTest.signal(child, "HUP");
                    return null;
                }))
                .compose(v -> Waits.until(vertx, () -> log().contains("config reload refused"), 15_000, "the refusal"))
                .compose(v -> post(http))
                .onComplete(tc.succeeding(still -> tc.verify(() -> {
                    assertThat(still).as("the running config is kept").isEqualTo("1002");
                    assertThat(log())
                            .contains(dir.resolve("30-again.yaml") + ": endpoints[0].id: \"" + SignalsTest.ADDED
                                    + "\" is also the id of endpoints[0] in " + dir.resolve("20-added.yaml"));
                    tc.completeNow();
                })));
    }

    private static Future<String> post(Http http) {
        return http.post(
                        "/v1/webhooks/" + SignalsTest.ADDED,
                        Http.headers("key", "k", "Content-Type", "application/json"),
                        "{}")
                .map(res -> res.bodyAsJsonObject().getString("code"));
    }

    private static String log() {
        try {
            return Files.readString(ChildInlet.log(LOG));
        } catch (IOException e) {
            return "";
        }
    }
}
