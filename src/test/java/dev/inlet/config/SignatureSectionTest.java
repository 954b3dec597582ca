package dev.inlet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code signature} section: presets resolve to their declaration, the generic scheme takes its
 * four settings, and a {@code custom} declaration is validated with one line per problem.
 */
class SignatureSectionTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of());
    /** Discord's way of showing a key (discord.md's generated pair), and SendGrid's (its SDK test key). */
    static final String ED25519_KEY = "912091def693dd77f3c226a69014cf94af4d3d4742adf1205545236923fe4ee5";

    static final String P256_KEY =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";

    static List<String> presets() {
        return SignaturePresets.names();
    }

    private static SignatureConfig load(String signature) {
        return LOADER.parse(
                        """
                services: [ { id: s, keys: [k] } ]
                endpoints: [ { id: e, service: s, signature: %s } ]
                """
                                .formatted(signature))
                .endpoints()
                .get(0)
                .signature();
    }

    private static List<String> problems(String signature) {
        ConfigException e = catchThrowableOfType(() -> load(signature), ConfigException.class);
        assertThat(e).as("expected the config to be refused").isNotNull();
        return e.problems();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void everyPresetLoadsByNameWithItsOwnDeclaration(String scheme) {
        SignatureDeclaration declaration = SignaturePresets.find(scheme);
        String keys =
                switch (declaration.algorithm()) {
                    case ED25519 -> "publicKey: \"" + ED25519_KEY + "\"";
                    case ECDSA_P256, ECDSA_P256_RAW -> "publicKey: \"" + P256_KEY + "\"";
                    default -> declaration.secretFormat() == SecretFormat.PLAIN
                            ? "secrets: [x]"
                            : "secrets: [\"whsec_eA==\"]";
                };
        if (scheme.equals("meta")) {
            // Meta's GET handshake needs the verify token, so the loader requires it.
            keys += ", verifyToken: vt";
        }
        SignatureConfig config = LOADER.parse(
                        """
                services: [ { id: s, keys: [k] } ]
                endpoints: [ { id: e, service: s, signature: { scheme: %s, %s } } ]
                """
                                .formatted(scheme, keys))
                .endpoints()
                .get(0)
                .signature();
        assertThat(config.scheme()).isEqualTo(scheme);
        assertThat(config.declaration()).isEqualTo(declaration);
        assertThat(config.tolerance()).isEqualTo(declaration.tolerance());
    }

    @Test
    void theDefaultSchemeIsTheGenericHmacInXSignature() {
        SignatureConfig config = load("{ secrets: [x] }");
        assertThat(config.scheme()).isEqualTo("hmac");
        assertThat(config.declaration().signature()).isEqualTo(new ValueSource(ValueSource.Kind.HEADER, "X-Signature"));
        assertThat(config.declaration().algorithm()).isEqualTo(SignatureAlgorithm.SHA256);
        assertThat(config.tolerance()).isEqualTo(SignatureDeclaration.DEFAULT_TOLERANCE);
    }

    @Test
    void theGenericSchemeTakesItsFourSettings() {
        SignatureDeclaration d =
                load("{ scheme: hmac, algorithm: sha1, header: X-Sig, encoding: base64url, prefix: \"sha1=\", secrets: [x], tolerance: 9s }")
                        .declaration();
        assertThat(List.<Object>of(d.algorithm(), d.signature().name(), d.encoding(), d.prefix()))
                .containsExactly(SignatureAlgorithm.SHA1, "X-Sig", SignatureEncoding.BASE64URL, "sha1=");
        assertThat(problems("{ scheme: hmac, algorithm: ed25519, signed: \"{url}\", secrets: [x] }"))
                .containsExactly(
                        "endpoints[0].signature.algorithm: \"ed25519\" is not one of sha1, sha256, sha512",
                        "endpoints[0].signature.signed: is fixed by scheme hmac; write scheme: custom to set it");
        assertThat(problems("{ header: \" \", secrets: [x] }"))
                .containsExactly(
                        "endpoints[0].signature.header: must name the request header that carries the signature");
    }

    @Test
    void aPresetDeliveryIdIsTheIdempotencyKeyUnlessOneIsSet() {
        InletConfig loaded = LOADER.parse(
                """
                services: [ { id: s, keys: [k] } ]
                endpoints:
                  - { id: a, service: s, signature: { scheme: github, secrets: [x] } }
                  - { id: b, service: s, signature: { scheme: stripe, secrets: [x] } }
                  - { id: c, service: s, signature: { scheme: github, secrets: [x] }, idempotency: { path: "$.x", window: 1h } }
                  - { id: d, service: s, signature: { scheme: hmac, secrets: [x] } }
                """);
        assertThat(loaded.endpoints().get(0).idempotency())
                .isEqualTo(new IdempotencyConfig("X-GitHub-Delivery", null, Duration.ofHours(24)));
        assertThat(loaded.endpoints().get(1).idempotency())
                .isEqualTo(new IdempotencyConfig(null, "$.id", Duration.ofHours(24)));
        assertThat(loaded.endpoints().get(2).idempotency())
                .isEqualTo(new IdempotencyConfig(null, "$.x", Duration.ofHours(1)));
        assertThat(loaded.endpoints().get(3).idempotency()).isNull();
    }

    @Test
    void aCustomDeclarationReadsEveryKey() {
        SignatureConfig config = load(
                """
                { scheme: custom, secrets: ["c2VjcmV0"], algorithm: sha512, signed: "v1:{timestamp}:{header:X-Id}:{body}",
                  header: X-Acme-Signature, list: ",", prefix: "v1=", encoding: base64, secretFormat: base64,
                  timestamp: { item: "t=", unit: milliseconds }, tolerance: 60s, refusalStatus: 401,
                  deliveryId: X-Id, successStatus: 200 }
                """);
        SignatureDeclaration d = config.declaration();
        assertThat(d.signed())
                .containsExactly(
                        new SignedPart(SignedPart.Kind.LITERAL, "v1:"),
                        new SignedPart(SignedPart.Kind.TIMESTAMP, null),
                        new SignedPart(SignedPart.Kind.LITERAL, ":"),
                        new SignedPart(SignedPart.Kind.HEADER, "X-Id"),
                        new SignedPart(SignedPart.Kind.LITERAL, ":"),
                        new SignedPart(SignedPart.Kind.BODY, null));
        assertThat(d.signature()).isEqualTo(new ValueSource(ValueSource.Kind.HEADER, "X-Acme-Signature"));
        assertThat(d.timestamp()).isEqualTo(new ValueSource(ValueSource.Kind.ITEM, "t="));
        assertThat(d.timestampUnit()).isEqualTo(TimestampUnit.MILLISECONDS);
        assertThat(List.<Object>of(d.list(), d.prefix(), d.encoding(), d.secretFormat(), d.algorithm()))
                .containsExactly(",", "v1=", SignatureEncoding.BASE64, SecretFormat.BASE64, SignatureAlgorithm.SHA512);
        assertThat(List.of(d.refusalStatus(), d.successStatus())).containsExactly(401, 200);
        assertThat(d.deliveryId()).isEqualTo("X-Id");
        assertThat(config.tolerance()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.handshake()).isNull();
    }

    @Test
    void aCustomDeclarationInTheBodyAndAPublicKey() {
        SignatureConfig config = load(
                """
                { scheme: custom, algorithm: ed25519, publicKey: "%s", json: "$.sig.value",
                  signed: "{json:$.sig.ts}.{body}", timestamp: { json: "$.sig.ts", unit: iso8601 } }
                """
                        .formatted(ED25519_KEY));
        assertThat(config.publicKey()).isEqualTo(ED25519_KEY);
        assertThat(config.declaration().signature()).isEqualTo(new ValueSource(ValueSource.Kind.JSON, "$.sig.value"));
        assertThat(config.declaration().readsBodyFields()).isTrue();
    }

    @Test
    void aWrongCustomDeclarationGetsOneLinePerProblem() {
        assertThat(
                        problems(
                                """
                { scheme: custom, secrets: [x], algorithm: sha3, signed: "{timestamp}.{bodyy}", list: "|",
                  encoding: base32, secretFormat: hex, refusalStatus: 302, successStatus: 201, deliveryId: "$.a[?(" }
                """))
                .containsExactly(
                        "endpoints[0].signature.algorithm: \"sha3\" is not one of sha1, sha256, sha512, ed25519,"
                                + " ecdsa-p256, ecdsa-p256-raw, token",
                        "endpoints[0].signature.signed: {bodyy} is not one of {body}, {method}, {url}, {url:decoded}, {path},"
                                + " {timestamp}, {sortedForm}, {header:NAME}, {form:NAME}, {json:PATH}, {query:NAME}",
                        "endpoints[0].signature: set exactly one of header, form, json (where the signature is), found 0",
                        "endpoints[0].signature.list: \"|\" is not one of \",\", \";\", \" \" (what separates the signatures)",
                        "endpoints[0].signature.encoding: \"base32\" is not one of hex, base64, base64url",
                        "endpoints[0].signature.secretFormat: \"hex\" is not one of plain, base64, whsec",
                        "endpoints[0].signature.refusalStatus: 302 is outside 400..499",
                        "endpoints[0].signature.deliveryId: \"$.a[?(\" is not a JsonPath (Could not parse token starting at position 3. Expected ?, ', 0-9, * )",
                        "endpoints[0].signature.successStatus: 201 is not one of 200, 202, 204");
        assertThat(problems("{ scheme: custom, secrets: [x], header: X-S, signed: \"{timestamp}{header:}\" }"))
                .containsExactly("endpoints[0].signature.signed: {header:...} needs a name after the colon");
        assertThat(problems("{ scheme: custom, secrets: [x], header: X-S, signed: \"{timestamp}.{body}\" }"))
                .containsExactly("endpoints[0].signature.signed: {timestamp} is signed but no timestamp is declared"
                        + " (timestamp: {header: NAME})");
        assertThat(
                        problems(
                                "{ scheme: custom, secrets: [x], header: X-S, json: $.s, timestamp: { item: \"t=\", header: T } }"))
                .containsExactly(
                        "endpoints[0].signature: set exactly one of header, form, json (where the signature is), found 2",
                        "endpoints[0].signature.timestamp: set exactly one of header, form, json, item (where the timestamp"
                                + " is), found 2");
        assertThat(problems("{ scheme: custom, secrets: [x], header: X-S, timestamp: { item: \"t=\", unit: hours } }"))
                .containsExactly(
                        "endpoints[0].signature.timestamp.unit: \"hours\" is not one of seconds, milliseconds, iso8601",
                        "endpoints[0].signature.timestamp.item: needs list: the timestamp is an item of the signature's"
                                + " list");
        assertThat(problems("{ scheme: custom, secrets: [x], json: \"$..[\", signed: \"{json:nope}\" }"))
                .hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("is not a JsonPath"));
        assertThat(problems("{ scheme: custom, header: X-S, signed: \"{body\" }"))
                .containsExactly(
                        "endpoints[0].signature.signed: the { at character 1 is not closed",
                        "endpoints[0].signature.secrets: needs at least one secret");
    }

    @Test
    void formFieldsAreDeclaredLikeJsonOnes() {
        SignatureDeclaration d =
                load("{ scheme: custom, secrets: [x], form: signature, signed: \"{url}{sortedForm}{form:token}\" }")
                        .declaration();
        assertThat(d.signature()).isEqualTo(new ValueSource(ValueSource.Kind.FORM, "signature"));
        assertThat(d.signed())
                .containsExactly(
                        new SignedPart(SignedPart.Kind.URL, null),
                        new SignedPart(SignedPart.Kind.SORTED_FORM, null),
                        new SignedPart(SignedPart.Kind.FORM, "token"));
        assertThat(d.readsBodyFields()).isTrue();
    }

    @Test
    void keysMustMatchTheAlgorithm() {
        assertThat(problems("{ scheme: discord, secrets: [x] }"))
                .containsExactly(
                        "endpoints[0].signature.publicKey: scheme discord verifies with the provider's public key"
                                + " (ed25519): set it as the provider shows it",
                        "endpoints[0].signature.secrets: scheme discord verifies with publicKey, not secrets");
        assertThat(problems("{ scheme: github, secrets: [x], publicKey: k }"))
                .containsExactly(
                        "endpoints[0].signature.publicKey: scheme github verifies with secrets, not a public key");
        assertThat(problems("{ scheme: nope, secrets: [x] }")).singleElement().satisfies(p -> assertThat(p)
                .startsWith("endpoints[0].signature.scheme: \"nope\" is not one of hmac, github, stripe,")
                .endsWith(", custom"));
        assertThat(problems("{ scheme: github, secrets: [x], prefix: \"x\", deliveryId: X-Other }"))
                .containsExactly(
                        "endpoints[0].signature.prefix: is fixed by scheme github; only schemes hmac and custom set it",
                        "endpoints[0].signature.deliveryId: is fixed by scheme github; only schemes hmac and custom set"
                                + " it");
    }

    @Test
    void secretsAndKeysThatCannotBeKeysAreFoundOnLoad() {
        assertThat(problems("{ scheme: standard, secrets: [\"whsec_eA==\", \"whsec_not*base64!\"] }"))
                .containsExactly("endpoints[0].signature.secrets[1]: is not a Standard Webhooks secret: expected whsec_"
                        + " followed by base64");
        assertThat(problems("{ scheme: discord, publicKey: \"" + P256_KEY + "\" }"))
                .containsExactly("endpoints[0].signature.publicKey: is not an Ed25519 public key");
        assertThat(problems("{ scheme: sendgrid, publicKey: \"not a key!\" }"))
                .containsExactly("endpoints[0].signature.publicKey: is neither hex, base64 nor PEM");
        assertThat(String.join("\n", problems("{ scheme: standard, secrets: [\"whsec_not*base64!\"] }")))
                .doesNotContain("not*base64");
    }

    @Test
    void secretsAreNeverPrinted() {
        SignatureConfig config =
                load("{ scheme: github, secrets: [\"very-secret-value\"], verifyToken: \"vt-secret\" }");
        assertThat(config.toString()).doesNotContain("very-secret-value").doesNotContain("vt-secret");
    }
}
