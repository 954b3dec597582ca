package dev.inlet.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server (shipped inside the embedded-redis jar) on a free loopback port, owned by this
 * process: started before the verticles and stopped last. For trying Inlet and for tests; production
 * sets {@code redis.url} to its own Redis.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);

  private final int port;
  private final Path dir;
  private final boolean appendOnly;
  private RedisServer server;

  private EmbeddedRedis(int port, Path dir, boolean appendOnly) {
    this.port = port;
    this.dir = dir;
    this.appendOnly = appendOnly;
  }

  /** Starts a server on a free port with its data in a fresh temporary folder. */
  public static EmbeddedRedis start() {
    try {
      EmbeddedRedis redis = new EmbeddedRedis(freePort(), Files.createTempDirectory("inlet-redis"), false);
      redis.startServer();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Redis", e);
    }
  }

  /** Starts a server on a given port and data folder, e.g. to restart one with its data kept. */
  public static EmbeddedRedis start(int port, Path dir, boolean appendOnly) {
    EmbeddedRedis redis = new EmbeddedRedis(port, dir, appendOnly);
    redis.startServer();
    return redis;
  }

  private void startServer() {
    try {
      server = RedisServer.newRedisServer()
          .port(port)
          .bind("127.0.0.1")
          .setting("dir " + dir.toAbsolutePath())
          .setting("save \"\"")
          .setting("appendonly " + (appendOnly ? "yes" : "no"))
          .setting("appendfsync everysec")
          .setting("maxmemory-policy noeviction")
          // Inlet stops it last, after the workers; a hook of its own would kill it mid-shutdown.
          .onShutdownForceStop(false)
          .build();
      server.start();
      LOG.info("embedded Redis listening on 127.0.0.1:{}", port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Redis on port " + port, e);
    }
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public boolean isActive() {
    return server != null && server.isActive();
  }

  /** Stops the server; its data folder stays so it can be started again. */
  public void stop() {
    if (server != null) {
      try {
        server.stop();
      } catch (IOException e) {
        LOG.warn("embedded Redis did not stop cleanly: {}", e.getMessage());
      }
      server = null;
    }
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
