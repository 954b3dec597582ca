package dev.inlet.ingest;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.inlet.config.IdempotencyConfig;
import dev.inlet.config.PayloadFormat;
import dev.inlet.metrics.InletMetrics;
import dev.inlet.queue.EventAppender;
import dev.inlet.queue.InboundEvent;
import dev.inlet.variables.JsonText;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the accepted event to the stream and answers 1002 with its transid, only after Redis
 * acknowledged the write. Redis failing or slower than {@code redis.timeout}: 7005 / 503 with
 * Retry-After, and the sender retries. A repeat of an idempotency key inside its window answers
 * 1002 with the first transid and is not queued again.
 */
public final class EnqueueHandler implements io.vertx.core.Handler<Exchange> {
  private static final Logger LOG = LoggerFactory.getLogger(EnqueueHandler.class);
  private static final int MAX_STORED_HEADER_BYTES = 16 * 1024;
  private static final Configuration JSON_PATH = Configuration.builder()
      .jsonProvider(new JacksonJsonProvider())
      .mappingProvider(new JacksonMappingProvider())
      .options(Option.SUPPRESS_EXCEPTIONS)
      .build();

  private final EventAppender appender;
  private final InletMetrics metrics;

  private EnqueueHandler(EventAppender appender, InletMetrics metrics) {
    this.appender = appender;
    this.metrics = metrics;
  }

  public static EnqueueHandler create(EventAppender appender, InletMetrics metrics) {
    return new EnqueueHandler(appender, metrics);
  }

  @Override
  public void handle(Exchange ex) {
    Endpoint endpoint = ex.endpoint();
    byte[] body = ex.body();
    PayloadFormat format = ex.format();
    InboundEvent event = new InboundEvent(
        Transids.next(),
        endpoint.id(),
        endpoint.service().id(),
        System.currentTimeMillis(),
        ex.request().getHeader("Content-Type"),
        format,
        storedHeaders(ex),
        body);
    IdempotencyConfig idem = endpoint.config().idempotency();
    String idemHash = idem == null ? null : idempotencyHash(idem, ex, format);
    long started = System.nanoTime();
    appender.append(event, idemHash, idem == null ? null : idem.window()).onComplete(ar -> {
      if (ar.succeeded()) {
        metrics.enqueued(System.nanoTime() - started);
        if (ar.result().duplicate() && LOG.isDebugEnabled()) {
          LOG.debug("transid={} endpoint={} repeat of an idempotency key, not queued again", ar.result().transid(), endpoint.id());
        }
        ex.answer(ResponseCode.QUEUED, ar.result().transid(), 0);
      } else {
        LOG.warn("transid={} endpoint={} could not be queued: {}", event.transid(), endpoint.id(), ar.cause().toString());
        ex.answer(ResponseCode.INTERNAL_ERROR, null, 1);
      }
    });
  }

  /** The request headers as a JSON object (first value of each name), without credentials, bounded in size. */
  private static String storedHeaders(Exchange ex) {
    StringBuilder out = new StringBuilder(512).append('{');
    // A request has a handful of headers: a linear scan finds a repeated name faster than a set.
    List<String> seen = new ArrayList<>(16);
    int size = 0;
    for (Map.Entry<String, String> h : ex.request().headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (isSecret(name) || seen.contains(name)) {
        continue;
      }
      seen.add(name);
      size += name.length() + h.getValue().length();
      if (size > MAX_STORED_HEADER_BYTES) {
        break;
      }
      if (out.length() > 1) {
        out.append(',');
      }
      out.append('"');
      JsonText.escape(name, out);
      out.append("\":\"");
      JsonText.escape(h.getValue(), out);
      out.append('"');
    }
    return out.append('}').toString();
  }

  /** Headers never stored with the event, as they carry credentials: key, authorization, cookie, proxy-authorization. */
  static boolean isSecret(String lowerCaseName) {
    // Runs for every header of every request: the length rules out almost every name without hashing it.
    return switch (lowerCaseName.length()) {
      case 3 -> lowerCaseName.equals("key");
      case 6 -> lowerCaseName.equals("cookie");
      case 13 -> lowerCaseName.equals("authorization");
      case 19 -> lowerCaseName.equals("proxy-authorization");
      default -> false;
    };
  }

  /**
   * The SHA-256 (hex) of the request's idempotency value, or null when it carries none (then it is
   * queued like any other). Hashed so the Redis key's length is bounded; the appender names the key.
   */
  private static String idempotencyHash(IdempotencyConfig idem, Exchange ex, PayloadFormat format) {
    String value;
    if (idem.header() != null) {
      value = ex.request().getHeader(idem.header());
    } else if (format == PayloadFormat.JSON) {
      Object found = JsonPath.using(JSON_PATH).parse(new ByteArrayInputStream(ex.body())).read(idem.path());
      value = found == null ? null : found.toString();
    } else {
      value = null;
    }
    if (value == null || value.isEmpty()) {
      return null;
    }
    return sha256(value);
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
