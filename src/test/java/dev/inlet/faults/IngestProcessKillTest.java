package dev.inlet.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.queue.EmbeddedRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ingest process killed mid-load (SIGKILL, no shutdown hook runs): Inlet runs in a child JVM
 * started from this test's classpath, and every id it answered 1002 before dying must be in the
 * stream. Ids sent after the kill get no answer, and the senders do not retry them.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class IngestProcessKillTest {
  static final int SENDERS = 16;
  static final int PER_SENDER = 100;

  EmbeddedRedis redis;
  Process child;

  @AfterEach
  void stop() {
    if (child != null) {
      child.destroyForcibly();
    }
    if (redis != null) {
      redis.stop();
    }
  }

  private Process startChild(String yaml) throws IOException {
    Path config = Files.createTempFile("inlet-faults", ".yaml");
    Files.writeString(config, yaml);
    config.toFile().deleteOnExit();
    Path log = Path.of("target", "ingest-child.log");
    Files.createDirectories(log.getParent());
    String classpath = "target" + File.separator + "classes" + File.pathSeparator + System.getProperty("java.class.path");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, "dev.inlet.Main", "--config", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Completes once the child answers an unknown route with its JSON 404. */
  private Future<Void> serving(Vertx vertx, int port) {
    HttpClient client = vertx.createHttpClient();
    AtomicBoolean up = new AtomicBoolean();
    long poller = vertx.setPeriodic(100, id -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
            .setHost("127.0.0.1").setPort(port).setURI("/no/such/route").setIdleTimeout(1_000))
        .compose(req -> req.send())
        .onSuccess(res -> up.compareAndSet(false, res.statusCode() == 404)));
    return Waits.until(vertx, up::get, 25_000, "the child Inlet serves")
        .eventually(() -> {
          vertx.cancelTimer(poller);
          return client.close();
        });
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  void ingestProcessKilledMidLoadLosesNoAcknowledgedEvent(Vertx vertx, VertxTestContext tc) throws IOException {
    redis = EmbeddedRedis.start();
    String stream = "faults:" + UUID.randomUUID();
    int port = freePort();
    child = startChild(Ingest.yaml(redis.url(), stream, "2s", port));
    LoadGenerator gen = new LoadGenerator(vertx, () -> port, Ingest.PATH, Ingest.headers(),
        LoadGenerator.Options.of(SENDERS, PER_SENDER).timeout(6_000));
    Future<Void> up = serving(vertx, port);
    Future<LoadResult> run = up.compose(v -> gen.run("kill"));
    Future<Void> kill = up
        .compose(v -> Waits.until(vertx, () -> gen.queued() >= SENDERS * PER_SENDER / 4, 20_000, "a quarter queued"))
        .compose(v -> vertx.executeBlocking(() -> child.destroyForcibly().waitFor()))
        .mapEmpty();
    Redis client = Redis.createClient(vertx, redis.url());
    Future.all(run, kill)
        .compose(all -> StreamContents.ids(client, stream))
        .map(inStream -> FaultReport.of("ingest-process-killed", run.result(), inStream).print())
        .eventually(client::close)
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          assertThat(r.lost()).as("answered 1002 but not in the stream").isEmpty();
          assertThat(r.acknowledged()).as("1002s before the kill").isGreaterThanOrEqualTo(SENDERS * PER_SENDER / 4);
          assertThat(r.count(LoadResult.CONNECTION)).as("requests cut off by the kill").isPositive();
          assertThat(r.outcomes().keySet()).as("answers").isSubsetOf(Set.of("1002", LoadResult.CONNECTION));
          tc.completeNow();
        })));
  }
}
