package dev.inlet.ingest;

import dev.inlet.security.ClientAddress;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.function.Supplier;

/**
 * The client address must be inside the endpoint's and the service's allow lists (an empty list
 * allows anyone), else 7010. The client is the socket peer unless that peer is a trusted proxy.
 */
public final class IpAllowHandler implements PlatformHandler {
  private final Supplier<EndpointDirectory> directory;

  private IpAllowHandler(Supplier<EndpointDirectory> directory) {
    this.directory = directory;
  }

  public static IpAllowHandler create(Supplier<EndpointDirectory> directory) {
    return new IpAllowHandler(directory);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Endpoint endpoint = ctx.get(IngestContext.ENDPOINT);
    SocketAddress peer = ctx.request().remoteAddress();
    String client = ClientAddress.resolve(
        peer == null ? null : peer.hostAddress(),
        directory.get().trustedProxies(),
        ctx.request().headers().getAll("X-Forwarded-For"),
        ctx.request().headers().getAll("Forwarded"));
    ctx.put(IngestContext.CLIENT_IP, client);
    if (!allowed(endpoint, client)) {
      Responses.send(ctx, ResponseCode.IP_NOT_ALLOWED);
      return;
    }
    ctx.next();
  }

  private static boolean allowed(Endpoint endpoint, String client) {
    return (endpoint.endpointAllowList().isEmpty() || endpoint.endpointAllowList().allows(client))
        && (endpoint.serviceAllowList().isEmpty() || endpoint.serviceAllowList().allows(client));
  }
}
