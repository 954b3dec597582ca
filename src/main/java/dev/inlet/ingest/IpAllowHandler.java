package dev.inlet.ingest;

import dev.inlet.config.ForwardedHeader;
import dev.inlet.security.ClientAddress;
import dev.inlet.security.IpAllowList;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import java.util.function.Supplier;

/**
 * The client address must be inside the endpoint's and the service's allow lists (an empty list
 * allows anyone), else 7010. The client is the socket peer unless that peer is a trusted proxy;
 * then it is read from the one forwarding header configured ({@code server.forwardedHeader}).
 * An endpoint without allow lists costs nothing here.
 */
public final class IpAllowHandler implements Handler<Exchange> {
    private final Supplier<EndpointDirectory> directory;

    private IpAllowHandler(Supplier<EndpointDirectory> directory) {
        this.directory = directory;
    }

    public static IpAllowHandler create(Supplier<EndpointDirectory> directory) {
        return new IpAllowHandler(directory);
    }

    @Override
    public void handle(Exchange ex) {
        Endpoint endpoint = ex.endpoint();
        if (endpoint.endpointAllowList().isEmpty()
                && endpoint.serviceAllowList().isEmpty()) {
            ex.next();
            return;
        }
        SocketAddress peer = ex.request().connection().remoteAddress();
        EndpointDirectory endpoints = directory.get();
        IpAllowList proxies = endpoints.trustedProxies();
        String peerAddress = peer == null ? null : peer.hostAddress();
        ForwardedHeader header = endpoints.forwardedHeader();
        String client = proxies.isEmpty()
                ? peerAddress
                : ClientAddress.resolve(
                        peerAddress, proxies, header, ex.request().headers().getAll(header.headerName()));
        IpAllowList refusing = refusing(endpoint.endpointAllowList(), client);
        if (refusing == null) {
            refusing = refusing(endpoint.serviceAllowList(), client);
        }
        if (refusing != null) {
            IpAllowList list = refusing;
            boolean viaProxy = peerAddress != null
                    && !proxies.isEmpty()
                    && proxies.allows(peerAddress)
                    && !peerAddress.equals(client);
            ex.refuse(
                    ResponseCode.IP_NOT_ALLOWED,
                    () -> "client " + (client == null ? "(unknown address)" : client)
                            + (viaProxy ? " (via trusted proxy " + peerAddress + ")" : "")
                            + " is not in "
                            + (list == endpoint.endpointAllowList()
                                    ? "endpoint " + endpoint.id()
                                    : "service " + endpoint.service().id())
                            + "'s allow list " + list.networks());
            return;
        }
        ex.next();
    }

    /** {@code list} when it refuses {@code client}; null when it is empty or allows it. */
    private static IpAllowList refusing(IpAllowList list, String client) {
        return list.isEmpty() || list.allows(client) ? null : list;
    }
}
