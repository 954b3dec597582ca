package dev.inlet.security;

import dev.inlet.config.ForwardedHeader;
import inet.ipaddr.IPAddress;
import java.util.List;

/**
 * The client's IP address as Inlet believes it: the socket peer, unless the peer is a trusted
 * proxy; only then is the one forwarding header the proxy writes read ({@code X-Forwarded-For}
 * or RFC 7239 {@code Forwarded}, as configured; the other is never looked at, since the proxy
 * passes whatever the client put there), right to left, skipping trusted hops. A hop that is
 * malformed, {@code unknown} or obfuscated stops the walk at the nearest hop already validated,
 * so a client can never choose an address by sending its own headers. Never throws, never does DNS.
 */
public final class ClientAddress {
    private ClientAddress() {}

    /**
     * @param peer the socket peer's address
     * @param trustedProxies proxies whose forwarding header is believed
     * @param header which forwarding header the proxies write
     * @param values every value of that header in arrival order (may be null)
     * @return the client address in canonical form, or {@code peer} unchanged when it is not a literal
     */
    public static String resolve(String peer, IpAllowList trustedProxies, ForwardedHeader header, List<String> values) {
        IPAddress nearest = Hops.node(peer);
        if (nearest == null) {
            return peer;
        }
        if (trustedProxies == null || trustedProxies.isEmpty() || !trustedProxies.contains(nearest)) {
            return nearest.toCanonicalString();
        }
        if (!Hops.hasValue(values)) {
            return nearest.toCanonicalString();
        }
        List<String> hops =
                header == ForwardedHeader.FORWARDED ? Hops.forwardedFor(values) : Hops.xForwardedFor(values);
        for (int i = hops.size() - 1; i >= 0; i--) {
            IPAddress hop = Hops.node(hops.get(i));
            if (hop == null) {
                break;
            }
            nearest = hop;
            if (!trustedProxies.contains(hop)) {
                break;
            }
        }
        return nearest.toCanonicalString();
    }
}
