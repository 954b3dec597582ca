package dev.inlet.ingest;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.function.Supplier;

/** First check: the path names a configured endpoint (else 7008). Pauses the body until it is wanted. */
public final class EndpointHandler implements PlatformHandler {
  private final Supplier<EndpointDirectory> directory;

  private EndpointHandler(Supplier<EndpointDirectory> directory) {
    this.directory = directory;
  }

  /** {@code directory} is read per request so a config reload takes effect without a restart. */
  public static EndpointHandler create(Supplier<EndpointDirectory> directory) {
    return new EndpointHandler(directory);
  }

  @Override
  public void handle(RoutingContext ctx) {
    // Nothing reads the body before authentication; hold it in the socket until then.
    ctx.request().pause();
    Endpoint endpoint = directory.get().find(ctx.pathParam("endpointId"));
    if (endpoint == null) {
      Responses.send(ctx, ResponseCode.UNKNOWN_ENDPOINT);
      return;
    }
    ctx.put(IngestContext.ENDPOINT, endpoint);
    ctx.next();
  }
}
