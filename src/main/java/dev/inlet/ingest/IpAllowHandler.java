package dev.inlet.ingest;

import dev.inlet.security.ClientAddress;
import dev.inlet.security.IpAllowList;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.function.Supplier;

/**
 * The client address must be inside the endpoint's and the service's allow lists (an empty list
 * allows anyone), else 7010. The client is the socket peer unless that peer is a trusted proxy.
 * An endpoint without allow lists costs nothing here.
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
    if (endpoint.endpointAllowList().isEmpty() && endpoint.serviceAllowList().isEmpty()) {
      ctx.next();
      return;
    }
    SocketAddress peer = ctx.request().connection().remoteAddress();
    IpAllowList proxies = directory.get().trustedProxies();
    String peerAddress = peer == null ? null : peer.hostAddress();
    String client = proxies.isEmpty()
        ? peerAddress
        : ClientAddress.resolve(peerAddress, proxies,
            ctx.request().headers().getAll("X-Forwarded-For"), ctx.request().headers().getAll("Forwarded"));
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
