package dev.inlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.config.ForwardedHeader;
import dev.inlet.config.IpLiterals;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for the forwarded-header parsers: fuzzed peer and {@code X-Forwarded-For} or
 * {@code Forwarded} values. Property: never throws; the answer is the peer unchanged (when it is
 * not a literal) or an address literal, and an untrusted peer is never replaced by a header value.
 */
class ClientAddressFuzzTest {
    private static final IpAllowList TRUSTED =
            IpAllowList.of(List.of("10.0.0.0/8", "127.0.0.1/32", "::1/128", "fd00::/8"));
    private static final List<String> PEERS =
            List.of("127.0.0.1", "10.1.2.3", "::1", "fd00::7", "203.0.113.9", "2001:db8::1", "::ffff:10.0.0.5");

    @FuzzTest(maxDuration = "30s")
    void resolvesToAnAddressOrThePeer(FuzzedDataProvider data) {
        String peer = data.consumeBoolean() ? data.pickValue(PEERS) : data.consumeString(64);
        ForwardedHeader header = data.pickValue(ForwardedHeader.values());
        String client = ClientAddress.resolve(peer, TRUSTED, header, values(data));
        assertThat(client).isNotNull();
        if (!client.equals(peer)) {
            assertThat(IpLiterals.address(client))
                    .as("resolved %s from peer %s", client, peer)
                    .isNotNull();
        }
        if (IpLiterals.address(peer) != null && !TRUSTED.allows(peer)) {
            assertThat(IpLiterals.address(client)).isEqualTo(IpLiterals.address(peer));
        }
    }

    private static List<String> values(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return null;
        }
        int n = data.consumeInt(0, 3);
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(data.consumeString(200));
        }
        return values;
    }
}
