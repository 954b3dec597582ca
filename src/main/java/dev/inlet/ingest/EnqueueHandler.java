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
import io.vertx.core.MultiMap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
  /** Most header names stored with an event; the request's further headers are left out, as past the byte cap. */
  static final int MAX_STORED_HEADERS = 100;
  /** Up to this many names, a scan of those seen finds a repeat faster than a set. */
  private static final int SCANNED_NAMES = 8;
  private static final Configuration JSON_PATH = Configuration.builder()
      .jsonProvider(new JacksonJsonProvider())
      .mappingProvider(new JacksonMappingProvider())
      .options(Option.SUPPRESS_EXCEPTIONS)
      .build();

  private final EventAppender appender;
  private final InletMetrics metrics;
  /** Where the stored headers are written, reused: a handler serves one event loop. */
  private byte[] headerBytes = new byte[1024];

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
        storedHeaders(ex.request().headers()),
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

  /**
   * The request headers as a JSON object in UTF-8: names in lower case, the first value of each,
   * without credentials, bounded in size ({@value #MAX_STORED_HEADER_BYTES} characters of names
   * and values) and in names ({@value #MAX_STORED_HEADERS}). Written straight as bytes, the form
   * the XADD sends. Linear in the number of headers, however many a request sends.
   */
  byte[] storedHeaders(MultiMap headers) {
    byte[] out = headerBytes;
    int n = 0;
    out[n++] = '{';
    // A request has a handful of headers: a scan of those seen finds a repeat faster than a set,
    // which takes over once there are more.
    List<String> seen = new ArrayList<>(SCANNED_NAMES + 1);
    Set<String> seenLowerCase = null;
    int names = 0;
    int size = 0;
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey();
      String value = h.getValue();
      if (isSecret(name)) {
        continue;
      }
      if (seenLowerCase != null) {
        if (!seenLowerCase.add(name.toLowerCase(Locale.ROOT))) {
          continue;
        }
      } else if (seenIgnoringCase(seen, name)) {
        continue;
      } else {
        seen.add(name);
        if (seen.size() > SCANNED_NAMES) {
          seenLowerCase = new HashSet<>();
          for (String s : seen) {
            seenLowerCase.add(s.toLowerCase(Locale.ROOT));
          }
        }
      }
      size += name.length() + value.length();
      if (size > MAX_STORED_HEADER_BYTES || ++names > MAX_STORED_HEADERS) {
        break;
      }
      int room = n + 6 + (name.length() + value.length()) * JsonText.MAX_BYTES_PER_CHAR + 1;
      if (room > out.length) {
        out = Arrays.copyOf(out, Math.max(room, 2 * out.length));
        headerBytes = out;
      }
      if (n > 1) {
        out[n++] = ',';
      }
      out[n++] = '"';
      n = JsonText.escapeUtf8(name, true, out, n);
      out[n++] = '"';
      out[n++] = ':';
      out[n++] = '"';
      n = JsonText.escapeUtf8(value, false, out, n);
      out[n++] = '"';
    }
    out[n++] = '}';
    return Arrays.copyOf(out, n);
  }

  private static boolean seenIgnoringCase(List<String> seen, String name) {
    for (String s : seen) {
      if (s.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** Headers never stored with the event, as they carry credentials: key, authorization, cookie, proxy-authorization. */
  static boolean isSecret(String name) {
    // Runs for every header of every request: the length rules out almost every name without hashing it.
    return switch (name.length()) {
      case 3 -> name.equalsIgnoreCase("key");
      case 6 -> name.equalsIgnoreCase("cookie");
      case 13 -> name.equalsIgnoreCase("authorization");
      case 19 -> name.equalsIgnoreCase("proxy-authorization");
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
