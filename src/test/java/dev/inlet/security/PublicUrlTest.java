package dev.inlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.ForwardedHeader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The URL a sender addressed: the request's own, unless a trusted proxy says otherwise. */
class PublicUrlTest {
    private static final IpAllowList PROXIES = IpAllowList.of(List.of("10.0.0.0/8"));

    private static Function<String, List<String>> headers(Map<String, List<String>> values) {
        Map<String, List<String>> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        insensitive.putAll(values);
        return name -> insensitive.getOrDefault(name, List.of());
    }

    private static String url(String peer, ForwardedHeader header, Map<String, List<String>> values) {
        return PublicUrl.resolve(
                peer, PROXIES, header, "http", "inlet.internal:8080", "/v1/webhooks/e?a=1", headers(values));
    }

    @Test
    void withoutAProxyTheRequestsOwnUrl() {
        assertThat(url("203.0.113.7", ForwardedHeader.X_FORWARDED_FOR, Map.of()))
                .isEqualTo("http://inlet.internal:8080/v1/webhooks/e?a=1");
    }

    @Test
    void aTrustedProxysForwardedProtoAndHost() {
        Map<String, List<String>> forwarded =
                Map.of("X-Forwarded-Proto", List.of("https"), "X-Forwarded-Host", List.of("hooks.example.com"));
        assertThat(url("10.1.2.3", ForwardedHeader.X_FORWARDED_FOR, forwarded))
                .isEqualTo("https://hooks.example.com/v1/webhooks/e?a=1");
        // The nearest proxy's value: what it appended last.
        assertThat(url(
                        "10.1.2.3",
                        ForwardedHeader.X_FORWARDED_FOR,
                        Map.of("X-Forwarded-Host", List.of("evil.example.com, hooks.example.com"))))
                .isEqualTo("http://hooks.example.com/v1/webhooks/e?a=1");
    }

    @Test
    void anUntrustedPeerCannotChooseTheUrl() {
        Map<String, List<String>> forwarded = Map.of(
                "X-Forwarded-Proto",
                List.of("https"),
                "X-Forwarded-Host",
                List.of("evil.example.com"),
                "Forwarded",
                List.of("proto=https;host=evil.example.com"));
        assertThat(url("203.0.113.7", ForwardedHeader.X_FORWARDED_FOR, forwarded))
                .isEqualTo("http://inlet.internal:8080/v1/webhooks/e?a=1");
        assertThat(url("203.0.113.7", ForwardedHeader.FORWARDED, forwarded))
                .isEqualTo("http://inlet.internal:8080/v1/webhooks/e?a=1");
    }

    @Test
    void onlyTheConfiguredHeaderFamilyIsRead() {
        Map<String, List<String>> both = Map.of(
                "X-Forwarded-Host", List.of("xff.example.com"),
                "Forwarded", List.of("for=203.0.113.7;proto=https;host=fwd.example.com"));
        assertThat(url("10.1.2.3", ForwardedHeader.X_FORWARDED_FOR, both))
                .isEqualTo("http://xff.example.com/v1/webhooks/e?a=1");
        assertThat(url("10.1.2.3", ForwardedHeader.FORWARDED, both))
                .isEqualTo("https://fwd.example.com/v1/webhooks/e?a=1");
    }

    @Test
    void forwardedIsReadAtTheOutermostTrustedProxy() {
        // The client's element first, then one a second trusted proxy added: the first one counts.
        Map<String, List<String>> chain = Map.of(
                "Forwarded",
                List.of(
                        "for=203.0.113.7;proto=https;host=hooks.example.com, for=10.9.9.9;proto=http;host=lb.internal"));
        assertThat(url("10.1.2.3", ForwardedHeader.FORWARDED, chain))
                .isEqualTo("https://hooks.example.com/v1/webhooks/e?a=1");
        // A client that adds its own element is behind the hop the proxy wrote for it.
        Map<String, List<String>> spoofed = Map.of(
                "Forwarded",
                List.of("for=10.5.5.5;host=evil.example.com, for=203.0.113.7;proto=https;host=hooks.example.com"));
        assertThat(url("10.1.2.3", ForwardedHeader.FORWARDED, spoofed))
                .isEqualTo("https://hooks.example.com/v1/webhooks/e?a=1");
    }

    @Test
    void valuesThatAreNoSchemeOrHostAreIgnored() {
        for (String host : List.of("a.example.com/evil", "a b", "x@y", "", "a".repeat(300), "h?q", "h#f")) {
            assertThat(url("10.1.2.3", ForwardedHeader.X_FORWARDED_FOR, Map.of("X-Forwarded-Host", List.of(host))))
                    .as(host)
                    .isEqualTo("http://inlet.internal:8080/v1/webhooks/e?a=1");
        }
        assertThat(url("10.1.2.3", ForwardedHeader.X_FORWARDED_FOR, Map.of("X-Forwarded-Proto", List.of("javascript"))))
                .startsWith("http://");
    }

    @Test
    void theDefaultPortWrittenOrLeftOut() {
        assertThat(PublicUrl.otherDefaultPort("https://a.example/x?y=1")).isEqualTo("https://a.example:443/x?y=1");
        assertThat(PublicUrl.otherDefaultPort("https://a.example:443/x")).isEqualTo("https://a.example/x");
        assertThat(PublicUrl.otherDefaultPort("http://a.example")).isEqualTo("http://a.example:80");
        assertThat(PublicUrl.otherDefaultPort("http://a.example:8080/x")).isEqualTo("http://a.example:8080/x");
        assertThat(PublicUrl.otherDefaultPort("https://[2001:db8::1]/x")).isEqualTo("https://[2001:db8::1]:443/x");
        assertThat(PublicUrl.otherDefaultPort("nonsense")).isEqualTo("nonsense");
    }
}
