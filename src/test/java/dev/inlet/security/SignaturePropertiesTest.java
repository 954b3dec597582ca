package dev.inlet.security;

import static dev.inlet.security.SignatureFixtures.NOW;
import static dev.inlet.security.SignatureFixtures.config;
import static dev.inlet.security.SignatureFixtures.lookup;
import static dev.inlet.security.SignatureFixtures.secret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.SignatureConfig;
import dev.inlet.security.SignatureVerifier.Verdict;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * For every scheme: what is signed verifies (and passes the pre-check over its headers), and no
 * single bit can change unnoticed.
 */
class SignaturePropertiesTest {
    private static final Map<String, SignatureVerifier> VERIFIERS = new HashMap<>();

    static {
        for (String scheme : SignatureFixtures.bodySchemes()) {
            VERIFIERS.put(scheme, SignatureVerifier.create(config(scheme, secret(scheme, 1), secret(scheme, 2))));
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> schemes() {
        return net.jqwik.api.Arbitraries.of(SignatureFixtures.bodySchemes());
    }

    private static Map<String, String> sign(String scheme, byte[] body) {
        SignatureConfig config = config(scheme, secret(scheme, 2));
        return Signatures.headers(config, secret(scheme, 2), SignatureFixtures.ID, NOW, body);
    }

    @Property(tries = 300)
    void signedRandomBodyVerifies(@ForAll("schemes") String scheme, @ForAll @Size(max = 4096) byte[] body) {
        Map<String, String> headers = sign(scheme, body);
        assertThat(VERIFIERS.get(scheme).precheck(lookup(headers), NOW)).isEqualTo(Verdict.VALID);
        assertThat(VERIFIERS.get(scheme).verify(lookup(headers), body, NOW)).isEqualTo(Verdict.VALID);
    }

    @Property(tries = 300)
    void anySingleFlippedBitFails(
            @ForAll("schemes") String scheme, @ForAll @Size(min = 1, max = 4096) byte[] body, @ForAll int position) {
        Map<String, String> headers = sign(scheme, body);
        byte[] tampered = body.clone();
        int bit = Math.floorMod(position, body.length * 8);
        tampered[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(VERIFIERS.get(scheme).verify(lookup(headers), tampered, NOW)).isEqualTo(Verdict.INVALID);
    }
}
