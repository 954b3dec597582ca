package dev.inlet.actions;

import dev.inlet.config.Durations;
import dev.inlet.config.PayloadFormat;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Built-in {@code http}: sends the event to a URL. Keys: {@code url} (required, templated),
 * {@code method} (POST), {@code headers} (values templated), {@code body} (a template; values are
 * JSON-escaped when the body looks like JSON or the Content-Type header says JSON; absent = the raw
 * payload with its original Content-Type), {@code timeout} (10s). Every request carries
 * {@code X-Inlet-Transid} so receivers can drop the repeats that at-least-once delivery brings.
 * A non-2xx answer, a connection error or a timeout fails the event.
 */
final class HttpAction implements Action {
  static final String NAME = "http";
  static final String TRANSID_HEADER = "X-Inlet-Transid";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<String> KEYS = Set.of("url", "method", "headers", "body", "timeout");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private final WebClient client;

  HttpAction(WebClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> check(Map<String, Object> options) {
    return checkOptions(options);
  }

  static List<String> checkOptions(Map<String, Object> options) {
    Options o = new Options(NAME, options);
    o.onlyKeys(KEYS);
    String url = o.requiredText("url");
    if (url != null && !url.contains("$")) {
      // A URL without variables can be checked now; a templated one is checked per event.
      try {
        URI uri = new URI(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
          o.problems().add("url: \"" + url + "\" is not an http:// or https:// URL with a host");
        }
      } catch (java.net.URISyntaxException e) {
        o.problems().add("url: \"" + url + "\" is not a URL (" + e.getReason() + ")");
      }
    }
    String method = o.text("method");
    if (method != null && !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
      o.problems().add("method: \"" + method + "\" is not one of " + String.join(", ", new java.util.TreeSet<>(METHODS)));
    }
    o.textMap("headers");
    Object body = options.get("body");
    if (body instanceof Map || body instanceof List) {
      o.problems().add("body: must be a text (a template); quote a JSON body: body: '{\"id\": \"$data.id\"}'");
    }
    o.positiveDuration("timeout");
    return o.problems();
  }

  @Override
  public boolean blocking() {
    return false;
  }

  @Override
  public Future<Void> run(ActionContext ctx) {
    String url = ctx.render("url");
    HttpMethod method = HttpMethod.valueOf(String.valueOf(ctx.options().getOrDefault("method", "POST")).toUpperCase(Locale.ROOT));
    Object timeoutOption = ctx.options().get("timeout");
    long timeout = (timeoutOption == null ? DEFAULT_TIMEOUT : Durations.parse(timeoutOption.toString())).toMillis();

    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.addAll(ctx.renderEach("headers"));
    Buffer body;
    if (ctx.options().containsKey("body")) {
      String template = String.valueOf(ctx.options().get("body"));
      String contentType = headers.get("Content-Type");
      boolean json = contentType != null ? contentType.toLowerCase(Locale.ROOT).contains("json") : looksLikeJson(template);
      body = Buffer.buffer(json ? ctx.renderJson("body") : ctx.render("body"));
      if (contentType == null) {
        headers.set("Content-Type", json ? "application/json" : template.stripLeading().startsWith("<")
            ? "application/xml; charset=utf-8" : "text/plain; charset=utf-8");
      }
    } else {
      Event event = ctx.event();
      body = Buffer.buffer(event.body());
      if (!headers.contains("Content-Type")) {
        headers.set("Content-Type", event.contentType() != null && !event.contentType().isEmpty() ? event.contentType()
            : event.format() == PayloadFormat.XML ? "application/xml" : "application/json");
      }
    }
    headers.set(TRANSID_HEADER, ctx.event().transid());

    String target = redacted(url);
    HttpRequest<Buffer> request;
    try {
      request = client.requestAbs(method, url);
    } catch (RuntimeException e) {
      return Future.failedFuture("http: \"" + target + "\" is not a usable URL");
    }
    request.putHeaders(headers).timeout(timeout);
    Future<io.vertx.ext.web.client.HttpResponse<Buffer>> sent =
        method == HttpMethod.GET || method == HttpMethod.HEAD ? request.send() : request.sendBuffer(body);
    return sent.transform(ar -> {
      if (ar.failed()) {
        Throwable cause = ar.cause();
        String why = cause instanceof java.util.concurrent.TimeoutException
            || String.valueOf(cause.getMessage()).contains("timeout")
            ? "no answer within " + timeout + " ms" : String.valueOf(cause.getMessage());
        return Future.failedFuture("http " + method + " " + target + ": " + why);
      }
      int status = ar.result().statusCode();
      if (status < 200 || status > 299) {
        return Future.failedFuture("http " + method + " " + target + ": answered " + status);
      }
      return Future.succeededFuture();
    });
  }

  @Override
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  /** Whether a body template is JSON text: it starts with an object or an array. */
  static boolean looksLikeJson(String template) {
    String t = template.strip();
    return t.startsWith("{") || t.startsWith("[");
  }

  /** The URL without user info, query and fragment, which may hold secrets, for errors and logs. */
  static String redacted(String url) {
    if (url == null) {
      return "(no url)";
    }
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        return "(invalid url)";
      }
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
          + (uri.getRawPath() == null ? "" : uri.getRawPath());
    } catch (java.net.URISyntaxException e) {
      return "(invalid url)";
    }
  }
}
