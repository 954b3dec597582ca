package dev.inlet.config;

import java.time.Duration;

/**
 * Redis settings. {@code url} is {@code embedded} (start a bundled redis-server on a free port) or
 * a redis:// / rediss:// URL. {@code timeout} bounds every ingest-side command: past it the sender gets 7005.
 */
public record RedisConfig(String url, RedisMode mode, String stream, long maxLength, Duration timeout, int poolSize) {
  public boolean embedded() {
    return "embedded".equals(url);
  }

  @Override
  public String toString() {
    return "RedisConfig[url=" + url.replaceAll("//[^@/]*@", "//***@") + ", mode=" + mode + ", stream=" + stream
        + ", maxLength=" + maxLength + ", timeout=" + timeout + ", poolSize=" + poolSize + "]";
  }
}
