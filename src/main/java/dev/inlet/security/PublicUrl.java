package dev.inlet.security;

import dev.inlet.config.ForwardedHeader;
import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The full URL a sender addressed, which some providers sign (Twilio, Square, HubSpot): the
 * request's own scheme and {@code Host}, unless the socket peer is a trusted proxy; only then is
 * the proxy's word taken, from the one header family {@code server.forwardedHeader} names:
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} (the last value, which the nearest proxy
 * wrote), or RFC 7239 {@code Forwarded} {@code proto=} and {@code host=} of the element the
 * outermost trusted proxy wrote (walking right to left past trusted {@code for=} hops, as
 * {@link ClientAddress} does). A value that is not a plain scheme or host is ignored. Then the
 * path and query as received. Never throws.
 */
public final class PublicUrl {
    private static final int MAX_HOST_LENGTH = 255;

    private PublicUrl() {}

    /**
     * @param peer the socket peer's address
     * @param scheme the request's own scheme, {@code http} or {@code https}
     * @param host the request's own {@code Host} (or {@code :authority}); may be null
     * @param target the path and query as received
     * @param headers every value of a request header by name, in arrival order
     */
    public static String resolve(
            String peer,
            IpAllowList trustedProxies,
            ForwardedHeader header,
            String scheme,
            String host,
            String target,
            Function<String, List<String>> headers) {
        String proto = scheme;
        String authority = host == null ? "" : host;
        IPAddress nearest = Hops.node(peer);
        if (nearest != null && trustedProxies != null && trustedProxies.contains(nearest)) {
            String[] forwarded = header == ForwardedHeader.FORWARDED
                    ? fromForwarded(trustedProxies, headers.apply("Forwarded"))
                    : new String[] {last(headers.apply("X-Forwarded-Proto")), last(headers.apply("X-Forwarded-Host"))};
            if (scheme(forwarded[0])) {
                proto = forwarded[0].toLowerCase(Locale.ROOT);
            }
            if (host(forwarded[1])) {
                authority = forwarded[1];
            }
        }
        return proto + "://" + authority + (target == null ? "" : target);
    }

    /**
     * The same URL with the scheme's default port written out when it was left out, or left out
     * when it was written ({@code https://a.example/x} and {@code https://a.example:443/x}):
     * senders sign one or the other. The URL itself when it has another port.
     */
    public static String otherDefaultPort(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        String scheme = url.substring(0, schemeEnd);
        String port = scheme.equals("https") ? ":443" : scheme.equals("http") ? ":80" : null;
        if (port == null) {
            return url;
        }
        int start = schemeEnd + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        if (authority.endsWith(port)) {
            return url.substring(0, end - port.length()) + url.substring(end);
        }
        boolean hasPort = authority.lastIndexOf(':') > authority.lastIndexOf(']');
        return hasPort ? url : url.substring(0, end) + port + url.substring(end);
    }

    private static String[] fromForwarded(IpAllowList trustedProxies, List<String> values) {
        List<Hops.Element> elements = Hops.forwarded(values);
        Hops.Element chosen = null;
        for (int i = elements.size() - 1; i >= 0; i--) {
            Hops.Element element = elements.get(i);
            if (element == null) {
                break;
            }
            chosen = element;
            IPAddress hop = Hops.node(element.forNode());
            if (hop == null || !trustedProxies.contains(hop)) {
                break;
            }
        }
        return chosen == null ? new String[2] : new String[] {chosen.proto(), chosen.host()};
    }

    private static String last(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.get(values.size() - 1);
        String item = value.substring(value.lastIndexOf(',') + 1).strip();
        return item.isEmpty() ? null : item;
    }

    private static boolean scheme(String value) {
        return value != null && (value.equalsIgnoreCase("http") || value.equalsIgnoreCase("https"));
    }

    /** A host, optionally with a port: letters, digits and {@code - . _ : [ ]}, nothing that ends an authority. */
    private static boolean host(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_HOST_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '['
                    || c == ']';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
