package dev.inlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.config.SignatureAlgorithm;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignatureDeclaration;
import dev.inlet.config.SignatureEncoding;
import dev.inlet.config.SignaturePresets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fuzz target for every signature header parser, through {@link SignatureVerifier#create}: fuzzed
 * signature, timestamp and id headers, clock and body. Property: a verdict, never an exception, and
 * never VALID (a fuzzer cannot forge an HMAC); the pre-check over the headers alone agrees with it
 * (missing when it is missing, malformed when the headers are, stale only when it is stale or wrong).
 */
class SignatureHeaderFuzzTest {
    private static final List<SignatureVerifier> VERIFIERS = verifiers();
    private static final List<String> HEADERS = headerNames();

    private static List<SignatureVerifier> verifiers() {
        List<SignatureVerifier> verifiers = new java.util.ArrayList<>();
        for (String scheme : SignatureFixtures.headerSchemes()) {
            verifiers.add(verifier(scheme, SignaturePresets.find(scheme)));
        }
        SignatureDeclaration hmac = SignaturePresets.find("hmac");
        verifiers.add(verifier(
                "hmac", hmac.with(SignatureAlgorithm.SHA256, "X-Signature", SignatureEncoding.HEX, "sha256=")));
        verifiers.add(
                verifier("hmac", hmac.with(SignatureAlgorithm.SHA512, "X-Signature", SignatureEncoding.BASE64, "")));
        return List.copyOf(verifiers);
    }

    private static SignatureVerifier verifier(String scheme, SignatureDeclaration declaration) {
        List<String> secrets = List.of(SignatureFixtures.secret(scheme, 1), SignatureFixtures.secret(scheme, 2));
        return SignatureVerifier.create(
                new SignatureConfig(scheme, declaration, secrets, null, true, Duration.ofSeconds(300)));
    }

    /** Every header a preset of {@link SignatureFixtures#headerSchemes} reads. */
    private static List<String> headerNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.add("X-Signature");
        for (String scheme : SignatureFixtures.headerSchemes()) {
            SignatureDeclaration d = SignaturePresets.find(scheme);
            names.addAll(List.of(SignedBytes.alternatives(d.signature().name())));
            if (d.timestamp() != null && d.timestamp().kind() == dev.inlet.config.ValueSource.Kind.HEADER) {
                names.addAll(List.of(SignedBytes.alternatives(d.timestamp().name())));
            }
            d.signed().stream()
                    .filter(p -> p.kind() == dev.inlet.config.SignedPart.Kind.HEADER)
                    .forEach(p -> names.addAll(List.of(SignedBytes.alternatives(p.argument()))));
        }
        return List.copyOf(names);
    }

    @FuzzTest(maxDuration = "30s")
    void everySchemeAnswersAVerdict(FuzzedDataProvider data) {
        SignatureVerifier verifier = data.pickValue(VERIFIERS);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int count = data.consumeInt(0, HEADERS.size());
        for (int i = 0; i < count; i++) {
            headers.put(data.pickValue(HEADERS), data.consumeString(512));
        }
        long now = data.consumeBoolean() ? SignatureFixtures.NOW : data.consumeLong();
        byte[] body = data.consumeRemainingAsBytes();
        SignatureVerifier.Verdict verdict = verifier.verify(headers::get, body, now);
        assertThat(verdict).isNotNull().isNotEqualTo(SignatureVerifier.Verdict.VALID);
        SignatureVerifier.Verdict precheck = verifier.precheck(headers::get, now);
        switch (precheck) {
            case MISSING -> assertThat(verdict).isEqualTo(SignatureVerifier.Verdict.MISSING);
            case INVALID -> assertThat(verdict).isEqualTo(SignatureVerifier.Verdict.INVALID);
            case STALE -> assertThat(verdict).isIn(SignatureVerifier.Verdict.STALE, SignatureVerifier.Verdict.INVALID);
            case VALID -> assertThat(verdict).isIn(SignatureVerifier.Verdict.INVALID, SignatureVerifier.Verdict.STALE);
        }
    }
}
