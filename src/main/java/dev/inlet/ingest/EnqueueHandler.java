package dev.inlet.ingest;

import dev.inlet.config.PayloadFormat;
import dev.inlet.metrics.InletMetrics;
import dev.inlet.queue.EventAppender;
import dev.inlet.queue.InboundEvent;
import dev.inlet.variables.JsonText;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the accepted event to the stream and answers 1002 with its transid, only after Redis
 * acknowledged the write. Redis failing or slower than {@code redis.timeout}: 7005 / 503 with
 * Retry-After, and the sender retries. A repeat of an idempotency key inside its window answers
 * 1002 with the first transid and is not queued again; a key read from a body over
 * {@link CheckPool#INLINE_LIMIT} is found on ingest's {@link CheckPool}.
 */
public final class EnqueueHandler implements io.vertx.core.Handler<Exchange> {
  private static final Logger LOG = LoggerFactory.getLogger(EnqueueHandler.class);
  private static final int MAX_STORED_HEADER_BYTES = 16 * 1024;
  /** Most header names stored with an event; the request's further headers are left out, as past the byte cap. */
  static final int MAX_STORED_HEADERS = 100;
  /** Up to this many names, a scan of those seen finds a repeat faster than a set. */
  private static final int SCANNED_NAMES = 8;

  private final EventAppender appender;
  private final InletMetrics metrics;
  private final CheckPool pool;
  /** Where the stored headers are written, reused: a handler serves one event loop. */
  private byte[] headerBytes = new byte[1024];

  private EnqueueHandler(EventAppender appender, InletMetrics metrics, CheckPool pool) {
    this.appender = appender;
    this.metrics = metrics;
    this.pool = pool;
  }

  public static EnqueueHandler create(EventAppender appender, InletMetrics metrics, CheckPool pool) {
    return new EnqueueHandler(appender, metrics, pool);
  }

  @Override
  public void handle(Exchange ex) {
    IdempotencyKey idem = ex.endpoint().idempotency();
    if (idem == null) {
      append(ex, null, null);
      return;
    }
    byte[] body = ex.body();
    PayloadFormat format = ex.format();
    Function<String, String> headers = ex.request()::getHeader;
    if (idem.inline(body)) {
      append(ex, idem.hash(headers, body, format), idem.window());
    } else {
      pool.run(ex, () -> idem.hash(headers, body, format), hash -> append(ex, hash, idem.window()));
    }
  }

  private void append(Exchange ex, String idemHash, Duration window) {
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
    long started = System.nanoTime();
    appender.append(event, idemHash, window).onComplete(ar -> {
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
}
