package dev.inlet.ingest;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/** The endpoint's service must be active (else 7007). */
public final class ServiceStateHandler implements PlatformHandler {
  private ServiceStateHandler() {}

  public static ServiceStateHandler create() {
    return new ServiceStateHandler();
  }

  @Override
  public void handle(RoutingContext ctx) {
    Endpoint endpoint = ctx.get(IngestContext.ENDPOINT);
    if (!endpoint.service().active()) {
      Responses.send(ctx, ResponseCode.SERVICE_INACTIVE);
      return;
    }
    ctx.next();
  }
}
