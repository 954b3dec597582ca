package dev.inlet.ingest;

import dev.inlet.metrics.InletMetrics;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/** Counts every answered ingest request by endpoint and response code, whichever handler answered. */
public final class MetricsHandler implements PlatformHandler {
  private final InletMetrics metrics;

  private MetricsHandler(InletMetrics metrics) {
    this.metrics = metrics;
  }

  public static MetricsHandler create(InletMetrics metrics) {
    return new MetricsHandler(metrics);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> {
      ResponseCode code = ctx.get(IngestContext.CODE);
      Endpoint endpoint = ctx.get(IngestContext.ENDPOINT);
      metrics.request(endpoint == null ? InletMetrics.UNKNOWN_ENDPOINT : InletMetrics.endpointLabel(endpoint.id()),
          code == null ? String.valueOf(ctx.response().getStatusCode()) : code.code());
    });
    ctx.next();
  }
}
