package dev.inlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.ForwardedHeader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {
    private static final IpAllowList PROXIES = IpAllowList.of(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));
    private static final String PROXY = "10.0.0.1";

    private static String xff(String peer, List<String> values) {
        return ClientAddress.resolve(peer, PROXIES, ForwardedHeader.X_FORWARDED_FOR, values);
    }

    private static String forwarded(String peer, List<String> values) {
        return ClientAddress.resolve(peer, PROXIES, ForwardedHeader.FORWARDED, values);
    }

    @Test
    void untrustedPeerIsTheClientAndItsHeadersAreIgnored() {
        assertThat(xff("198.51.100.7", List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
        assertThat(forwarded("198.51.100.7", List.of("for=203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void noTrustedProxiesMeansThePeer() {
        assertThat(ClientAddress.resolve(
                        "10.0.0.1", IpAllowList.of(List.of()), ForwardedHeader.X_FORWARDED_FOR, List.of("203.0.113.9")))
                .isEqualTo("10.0.0.1");
        assertThat(ClientAddress.resolve("10.0.0.1", null, ForwardedHeader.X_FORWARDED_FOR, List.of("203.0.113.9")))
                .isEqualTo("10.0.0.1");
    }

    @Test
    void trustedPeerWithoutHeadersIsTheClient() {
        assertThat(xff(PROXY, null)).isEqualTo(PROXY);
        assertThat(forwarded(PROXY, null)).isEqualTo(PROXY);
        assertThat(xff(PROXY, List.of())).isEqualTo(PROXY);
        assertThat(forwarded(PROXY, List.of())).isEqualTo(PROXY);
        assertThat(xff(PROXY, List.of(" "))).isEqualTo(PROXY);
    }

    @Test
    void walksRightToLeftSkippingTrustedHops() {
        assertThat(xff(PROXY, List.of("203.0.113.9, 10.1.1.1, 10.2.2.2"))).isEqualTo("203.0.113.9");
        assertThat(xff(PROXY, List.of("203.0.113.9", "10.1.1.1", "10.2.2.2"))).isEqualTo("203.0.113.9");
        assertThat(xff(PROXY, List.of("203.0.113.9,198.51.100.1", "10.2.2.2"))).isEqualTo("198.51.100.1");
    }

    @Test
    void clientCannotChooseItsAddressThroughATrustedProxy() {
        // the client sent "X-Forwarded-For: 10.9.9.9, 1.2.3.4"; the proxy appended the real peer 198.51.100.66
        assertThat(xff(PROXY, List.of("10.9.9.9, 1.2.3.4, 198.51.100.66"))).isEqualTo("198.51.100.66");
        assertThat(xff(PROXY, List.of("10.9.9.9", "198.51.100.66"))).isEqualTo("198.51.100.66");
        // forged garbage to the left of the real hop does not matter either
        assertThat(xff(PROXY, List.of("unknown, <script>, 198.51.100.66"))).isEqualTo("198.51.100.66");
    }

    @Test
    void allTrustedHopsGiveTheLeftmost() {
        assertThat(xff(PROXY, List.of("10.3.3.3, 10.2.2.2"))).isEqualTo("10.3.3.3");
    }

    @Test
    void malformedEntryStopsAtTheNearestValidatedHop() {
        assertThat(xff(PROXY, List.of("203.0.113.9, garbage, 10.2.2.2"))).isEqualTo("10.2.2.2");
        assertThat(xff(PROXY, List.of("203.0.113.9, garbage"))).isEqualTo(PROXY);
        assertThat(xff(PROXY, List.of("203.0.113.9, example.com"))).isEqualTo(PROXY);
    }

    @Test
    void xForwardedForEntriesMayCarryPortsAndBrackets() {
        assertThat(xff(PROXY, List.of("203.0.113.9:4711"))).isEqualTo("203.0.113.9");
        assertThat(xff(PROXY, List.of("[2001:db8::7]:4711"))).isEqualTo("2001:db8::7");
        assertThat(xff(PROXY, List.of("2001:db8::7"))).isEqualTo("2001:db8::7");
        assertThat(xff(PROXY, List.of("::ffff:203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void eachHeaderIsReadInItsOwnSyntaxOnly() {
        // An X-Forwarded-For value handed over as Forwarded has no for= node: the walk stops at the proxy.
        assertThat(forwarded(PROXY, List.of("203.0.113.9"))).isEqualTo(PROXY);
        assertThat(xff(PROXY, List.of("for=203.0.113.9"))).isEqualTo(PROXY);
    }

    @Test
    void forwardedForNodes() {
        assertThat(forwarded(PROXY, List.of("for=192.0.2.60;proto=http;by=203.0.113.43")))
                .isEqualTo("192.0.2.60");
        assertThat(forwarded(PROXY, List.of("For=\"[2001:db8:cafe::17]:4711\"")))
                .isEqualTo("2001:db8:cafe::17");
        assertThat(forwarded(PROXY, List.of("for=\"192.0.2.43:47011\""))).isEqualTo("192.0.2.43");
        assertThat(forwarded(PROXY, List.of("for=192.0.2.43, for=198.51.100.17")))
                .isEqualTo("198.51.100.17");
        assertThat(forwarded(PROXY, List.of("for=192.0.2.43, for=10.4.4.4", "for=10.5.5.5;proto=https")))
                .isEqualTo("192.0.2.43");
        assertThat(forwarded(PROXY, List.of("proto=https;for=\"[2001:db8:ffff::1]\";host=x, for=10.6.6.6")))
                .isEqualTo("2001:db8:ffff::1");
    }

    @Test
    void unknownAndObfuscatedIdentifiersStopTheWalk() {
        assertThat(forwarded(PROXY, List.of("for=192.0.2.43, for=unknown, for=10.7.7.7")))
                .isEqualTo("10.7.7.7");
        assertThat(forwarded(PROXY, List.of("for=192.0.2.43, for=_hidden"))).isEqualTo(PROXY);
        assertThat(forwarded(PROXY, List.of("for=192.0.2.43, proto=http"))).isEqualTo(PROXY);
    }

    @Test
    void clientCannotChooseItsAddressThroughForwarded() {
        assertThat(forwarded(PROXY, List.of("for=10.9.9.9, for=1.2.3.4", "for=198.51.100.66")))
                .isEqualTo("198.51.100.66");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "for=",
                "for=\"unterminated",
                "=",
                ";;;",
                ",,,",
                "for=1.2.3.4;for=5.6.7.8",
                "for=\"\\",
                "for=[::1",
                "for=\"[1.2.3.4]\"",
                "for=1.2.3.4:99999999",
                "for=1.2.3.4 junk",
                "\u0000\uffff",
                "for=\"[::1]:x\""
            })
    void garbageForwardedNeverThrowsAndYieldsTheProxy(String value) {
        assertThat(forwarded(PROXY, List.of(value))).isEqualTo(PROXY);
    }

    @Test
    void emptyForwardedElementsAreSkipped() {
        assertThat(forwarded(PROXY, List.of("for=192.0.2.43, , for=10.1.1.1"))).isEqualTo("192.0.2.43");
    }

    @Test
    void hugeAndOddValuesNeverThrow() {
        String huge = "1.2.3.4,".repeat(2000) + "x".repeat(10_000);
        assertThat(xff(PROXY, List.of(huge))).isEqualTo(PROXY);
        assertThat(forwarded(PROXY, List.of(huge))).isEqualTo(PROXY);
        java.util.ArrayList<String> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        withNull.add("203.0.113.9");
        assertThat(xff(PROXY, withNull)).isEqualTo("203.0.113.9");
        assertThat(forwarded(PROXY, withNull)).isEqualTo(PROXY);
    }

    @Test
    void peerIsNormalised() {
        assertThat(xff("::ffff:198.51.100.7", null)).isEqualTo("198.51.100.7");
        assertThat(xff("::ffff:10.0.0.1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(xff("0:0:0:0:0:0:0:1", null)).isEqualTo("::1");
        assertThat(xff("not-an-ip", List.of("203.0.113.9"))).isEqualTo("not-an-ip");
    }
}
