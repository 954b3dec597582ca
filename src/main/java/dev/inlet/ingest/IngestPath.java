package dev.inlet.ingest;

import dev.inlet.metrics.InletMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * The webhook routes ({@code POST /v1/webhooks/{endpointId}} and {@code POST /events/{endpointId}})
 * and the checks each request runs, in order. A request whose endpoint id needs no decoding (the
 * ids Inlet generates, and any id of plain URL characters) goes straight into the chain; any other
 * path is left to the router, which normalises and decodes it and then runs the same chain.
 */
public final class IngestPath {
  /** The routes, in vertx-web's syntax, for the router's share of the requests. */
  public static final List<String> ROUTES = List.of("/v1/webhooks/:endpointId", "/events/:endpointId");
  private static final String[] PREFIXES = {"/v1/webhooks/", "/events/"};

  private final Vertx vertx;
  private final List<Handler<Exchange>> checks;
  private final InletMetrics metrics;

  /** {@code checks} in the order they run; the last one always answers. */
  public IngestPath(Vertx vertx, List<Handler<Exchange>> checks, InletMetrics metrics) {
    this.vertx = vertx;
    this.checks = List.copyOf(checks);
    this.metrics = metrics;
  }

  /** Runs the checks when the request is a POST to a webhook route with a plain endpoint id; false leaves it to the router. */
  public boolean take(HttpServerRequest request) {
    if (request.method() != HttpMethod.POST) {
      return false;
    }
    String endpointId = plainEndpointId(request.path());
    if (endpointId == null) {
      return false;
    }
    run(request, endpointId);
    return true;
  }

  /** Runs the checks for a request to endpoint {@code endpointId} (as decoded by the router). */
  public void run(HttpServerRequest request, String endpointId) {
    new Exchange(vertx, request, endpointId, checks, metrics).next();
  }

  /**
   * The endpoint id in {@code path} when it is a webhook route whose id is one segment of
   * unreserved URL characters (RFC 3986: letters, digits, {@code - . _ ~}), which no decoding or
   * normalisation changes; otherwise null.
   */
  static String plainEndpointId(String path) {
    if (path == null) {
      return null;
    }
    for (String prefix : PREFIXES) {
      if (path.startsWith(prefix)) {
        int start = prefix.length();
        if (start == path.length()) {
          return null;
        }
        for (int i = start; i < path.length(); i++) {
          if (!unreserved(path.charAt(i))) {
            return null;
          }
        }
        String id = path.substring(start);
        // "." and ".." are path segments the router normalises away, not ids.
        return id.equals(".") || id.equals("..") ? null : id;
      }
    }
    return null;
  }

  private static boolean unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
