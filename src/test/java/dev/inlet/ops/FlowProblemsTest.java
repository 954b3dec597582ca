package dev.inlet.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.support.ChildInlet;
import dev.inlet.support.TestRedis;
import dev.inlet.support.Waits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
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

/**
 * A flow that does not compile is refused by the real process with the compiler's own lines: on
 * start-up ({@code bin/inlet --config}) before anything starts, and on a SIGHUP reload, which keeps
 * the running config. The loader does not check actions; this is where they are checked, once.
 */
@ExtendWith(VertxExtension.class)
class FlowProblemsTest {
    private static final String UNKNOWN_ACTION =
            "flows[0].steps[0].action: \"htp\" is not an action; use one of http, log, stream, tally";

    Process child;

    @AfterEach
    void stop() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    private static String yaml(int port, String action) {
        return """
        server: { port: %d, host: 127.0.0.1 }
        redis: { url: "%s", stream: "test:flow-problems:%s" }
        workers: { instances: 0 }
        services: [ { id: s, keys: [k] } ]
        endpoints: [ { id: e, service: s, format: json, flows: [f] } ]
        flows: [ { id: f, steps: [ { action: %s } ] } ]
        """
                .formatted(port, TestRedis.url(), UUID.randomUUID(), action);
    }

    @Test
    void startUpPrintsTheFlowsProblemsAndExits() throws Exception {
        child = ChildInlet.start(yaml(ChildInlet.freePort(), "htp"), "flow-problems-start.log", Map.of());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(child.exitValue()).isEqualTo(2);
        assertThat(Files.readString(ChildInlet.log("flow-problems-start.log")))
                .contains("inlet: the configuration has problems:\n  " + UNKNOWN_ACTION + "\n")
                .doesNotContain("listening on");
    }

    @Test
    void aReloadWithABadFlowIsRefusedWithItsLines(Vertx vertx) throws Exception {
        int port = ChildInlet.freePort();
        Path config = Files.createTempFile("inlet-flow-problems", ".yaml");
        config.toFile().deleteOnExit();
        Files.writeString(config, yaml(port, "log"));
        child = ChildInlet.start(List.of("env", "--default-signal=HUP"), config, "flow-problems-reload.log", Map.of());
        await(ChildInlet.serving(vertx, port));
        Files.writeString(config, yaml(port, "htp"));
        SignalsTest.signal(child, "HUP");
        await(Waits.until(vertx, () -> log().contains("config reload refused"), 15_000, "the refusal"));
        assertThat(log()).contains("config reload refused, the running config is kept: " + UNKNOWN_ACTION);
        assertThat(child.isAlive()).isTrue();
    }

    private static void await(Future<?> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static String log() {
        try {
            return Files.readString(ChildInlet.log("flow-problems-reload.log"));
        } catch (IOException e) {
            return "";
        }
    }
}
