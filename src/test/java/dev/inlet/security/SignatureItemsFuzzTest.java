package dev.inlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.config.SecretFormat;
import dev.inlet.config.SignatureAlgorithm;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignatureDeclaration;
import dev.inlet.config.SignatureEncoding;
import dev.inlet.config.SignedPart;
import dev.inlet.config.TimestampUnit;
import dev.inlet.config.ValueSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fuzz target for a declaration's structured-header parsing: the items of a list header
 * ({@code t=...,v1=...}, {@code ts=...;h1=...}, {@code v1,... v1,...}) under fuzzed separators and
 * prefixes, and a custom declaration whose signature and timestamp both live in such a header.
 * Properties: never an exception; at most {@link SignatureItems#MAX_ITEMS} items, each stripped,
 * non-empty and free of its separator; the single item with a prefix is one of them; and a fuzzed
 * header never verifies (a fuzzer cannot forge an HMAC), the pre-check agreeing with the verdict.
 */
class SignatureItemsFuzzTest {
    private static final List<String> SEPARATORS = List.of(",", ";", " ");
    private static final List<String> PREFIXES = List.of("v1=", "t=", "ts=", "h1=", "v1,", "sha256=", "");

    @FuzzTest(maxDuration = "30s")
    void itemsAreBoundedAndStripped(FuzzedDataProvider data) {
        String separator = data.consumeBoolean() ? data.pickValue(SEPARATORS) : null;
        String prefix = data.pickValue(PREFIXES);
        String value = data.consumeRemainingAsString();
        List<String> items = SignatureItems.items(value, separator);
        assertThat(items).hasSizeLessThanOrEqualTo(separator == null ? 1 : SignatureItems.MAX_ITEMS);
        for (String item : items) {
            assertThat(item).isNotEmpty().isEqualTo(item.strip());
            if (separator != null) {
                assertThat(item).doesNotContain(separator);
            }
        }
        String single = SignatureItems.single(items, prefix);
        if (single != null) {
            assertThat(items)
                    .anySatisfy(item ->
                            assertThat(item.substring(prefix.length()).strip()).isEqualTo(single));
        }
    }

    private static final SignatureVerifier STRUCTURED = SignatureVerifier.create(new SignatureConfig(
            "custom",
            new SignatureDeclaration(
                    SignatureAlgorithm.SHA256,
                    List.of(
                            new SignedPart(SignedPart.Kind.TIMESTAMP, null),
                            new SignedPart(SignedPart.Kind.LITERAL, ":"),
                            new SignedPart(SignedPart.Kind.BODY, null)),
                    new ValueSource(ValueSource.Kind.HEADER, "X-Sig"),
                    ";",
                    "h1=",
                    SignatureEncoding.HEX,
                    SecretFormat.PLAIN,
                    new ValueSource(ValueSource.Kind.ITEM, "ts="),
                    TimestampUnit.SECONDS,
                    Duration.ofSeconds(300),
                    null,
                    0,
                    null,
                    0,
                    null),
            List.of("one", "two"),
            null,
            true,
            null));

    @FuzzTest(maxDuration = "30s")
    void aStructuredHeaderNeverVerifiesUnsigned(FuzzedDataProvider data) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (data.consumeBoolean()) {
            headers.put("X-Sig", data.consumeString(1024));
        }
        long now = data.consumeBoolean() ? SignatureFixtures.NOW : data.consumeLong();
        byte[] body = data.consumeRemainingAsBytes();
        SignatureVerifier.Verdict verdict = STRUCTURED.verify(headers::get, body, now);
        assertThat(verdict).isNotNull().isNotEqualTo(SignatureVerifier.Verdict.VALID);
        switch (STRUCTURED.precheck(headers::get, now)) {
            case MISSING -> assertThat(verdict).isEqualTo(SignatureVerifier.Verdict.MISSING);
            case INVALID -> assertThat(verdict).isEqualTo(SignatureVerifier.Verdict.INVALID);
            case STALE, VALID -> assertThat(verdict)
                    .isIn(SignatureVerifier.Verdict.STALE, SignatureVerifier.Verdict.INVALID);
        }
    }
}
