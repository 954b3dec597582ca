package dev.inlet.security;

import inet.ipaddr.IPAddress;
import java.util.List;

/**
 * The client's IP address as Inlet believes it: the socket peer, unless the peer is a trusted
 * proxy; only then are the forwarding headers read, right to left, skipping trusted hops.
 * {@code X-Forwarded-For} wins over RFC 7239 {@code Forwarded}. A hop that is malformed,
 * {@code unknown} or obfuscated stops the walk at the nearest hop already validated, so a
 * client can never choose an address by sending its own headers. Never throws, never does DNS.
 */
public final class ClientAddress {
  private ClientAddress() {}

  /**
   * @param peer the socket peer's address
   * @param trustedProxies proxies whose forwarding headers are believed
   * @param xForwardedFor every {@code X-Forwarded-For} value in arrival order (may be null)
   * @param forwarded every {@code Forwarded} value in arrival order (may be null)
   * @return the client address in canonical form, or {@code peer} unchanged when it is not a literal
   */
  public static String resolve(String peer, IpAllowList trustedProxies, List<String> xForwardedFor, List<String> forwarded) {
    IPAddress nearest = Hops.node(peer);
    if (nearest == null) {
      return peer;
    }
    if (trustedProxies == null || trustedProxies.isEmpty() || !trustedProxies.contains(nearest)) {
      return nearest.toCanonicalString();
    }
    List<String> hops = Hops.hasValue(xForwardedFor) ? Hops.xForwardedFor(xForwardedFor) : Hops.forwardedFor(forwarded);
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
