package dev.inlet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("SHOP_KEY", "k1", "SECRET", "s3"));

    private static ConfigException problems(String yaml) {
        try {
            LOADER.parse(yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the config to be refused");
    }

    @Test
    void theExampleConfigLoadsAndIsBundled() {
        InletConfig file = new ConfigLoader(Map.of()).load(Path.of("conf/inlet.yaml"));
        InletConfig bundled = new ConfigLoader(Map.of()).loadBundled();
        assertThat(bundled).isEqualTo(file);
        assertThat(file.redis().embedded()).isTrue();
        assertThat(file.endpoints()).isNotEmpty();
    }

    @Test
    void defaultsFillEverythingLeftOut() {
        InletConfig c = LOADER.parse("{}");
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().host()).isEqualTo("0.0.0.0");
        assertThat(c.server().maxBodySize()).isEqualTo(256 * 1024);
        assertThat(c.server().bodyMemory())
                .as("an eighth of the heap")
                .isEqualTo(Runtime.getRuntime().maxMemory() / 8);
        assertThat(c.admin().enabled()).isFalse();
        assertThat(c.redis().url()).isEqualTo("embedded");
        assertThat(c.redis().stream()).isEqualTo("inlet:events");
        assertThat(c.redis().maxLength()).isEqualTo(1_000_000);
        assertThat(c.workers().instances()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(c.workers().batchSize()).isEqualTo(64);
        assertThat(c.workers().maxAttempts()).isEqualTo(5);
        assertThat(c.workers().claimIdle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.services()).isEmpty();
        assertThat(c.endpoints()).isEmpty();
    }

    @Test
    void flattenLimitsHaveDocumentedDefaultsAndNameTheirKeyWhenOutOfRange() {
        WorkersConfig defaults = LOADER.parse("{}").workers();
        assertThat(java.util.List.of(defaults.maxVariables(), defaults.maxVariableChars(), defaults.maxNameLength()))
                .containsExactly(10_000, 1_048_576, 1_024);
        WorkersConfig set = LOADER.parse("workers: { maxVariables: 50, maxVariableChars: 4096, maxNameLength: 128 }")
                .workers();
        assertThat(java.util.List.of(set.maxVariables(), set.maxVariableChars(), set.maxNameLength()))
                .containsExactly(50, 4096, 128);
        assertThat(problems("workers: { maxVariables: 0, maxNameLength: many }").problems())
                .contains(
                        "workers.maxVariables: 0 is outside 1..1000000",
                        "workers.maxNameLength: \"many\" is not a whole number");
    }

    @Test
    void anEndpointBodyLimitAboveTheBodyMemoryIsRefused() {
        ConfigException e = problems(
                """
        server: { maxBodyMemory: 1MiB }
        services: [ { id: s, keys: [k] } ]
        endpoints: [ { id: e1, service: s, maxBodySize: 2MiB }, { id: e2, service: s, maxBodySize: 1MiB } ]
        """);
        assertThat(e.problems())
                .containsExactly(
                        "endpoints[0].maxBodySize: is larger than server.maxBodyMemory (1048576 bytes): such a body could never be accepted");
    }

    @Test
    void readsTheSpecExampleWithEnvironmentSubstitution() {
        InletConfig c = LOADER.parse(
                """
        server: { port: 0, maxBodySize: 1MiB, trustedProxies: ["10.0.0.0/8"] }
        admin: { token: "${ADMIN:-tok}" }
        services:
          - id: shop
            keys: ["${SHOP_KEY}"]
            jwt: { secret: "${SECRET}", issuer: shop, audience: inlet, leeway: 30s }
            allowIps: []
            limit: { rate: 100, per: 1s, burst: 200, daily: 0 }
        endpoints:
          - id: 9f2c1e7a4b3d4c5e8f60718293a4b5c6
            service: shop
            auth: any
            format: auto
            maxBodySize: 2MiB
            allowIps: ["203.0.113.0/24", "2001:db8::/32"]
            limit: { rate: 50, per: 1s, burst: 50 }
            signature: { scheme: hmac, algorithm: sha512, header: X-Signature, encoding: base64, prefix: "", secrets: ["${SECRET}", "old"], tolerance: 300s }
            idempotency: { path: "$.id" }
            flows: [forward-orders]
            rules: [big-orders]
          - id: gh
            service: shop
            signature: { scheme: github, secrets: [x] }
        flows:
          - id: forward-orders
            steps:
              - action: http
                url: http://orders.internal:9000/hooks
                headers: { X-Source: inlet }
                timeout: 5s
              - action: log
                message: "order $data.id queued"
                when: "$.data[?(@.priority == 'high')]"
        rules:
          - id: big-orders
            when: "$.data[?(@.amount > 100)]"
            actions: [ { action: log, message: big } ]
        """);
        assertThat(c.admin().token()).isEqualTo("tok");
        ServiceConfig shop = c.services().get(0);
        assertThat(shop.keys()).containsExactly("k1");
        assertThat(shop.jwt().secret()).isEqualTo("s3");
        assertThat(shop.limit()).isEqualTo(new LimitConfig(100, Duration.ofSeconds(1), 200, 0));
        EndpointConfig e = c.endpoints().get(0);
        assertThat(e.auth()).isEqualTo(AuthMode.ANY);
        assertThat(e.maxBodySize()).isEqualTo(2 * 1024 * 1024);
        assertThat(e.signature().declaration().algorithm()).isEqualTo(SignatureAlgorithm.SHA512);
        assertThat(e.signature().declaration().encoding()).isEqualTo(SignatureEncoding.BASE64);
        assertThat(e.signature().secrets()).containsExactly("s3", "old");
        assertThat(e.signature().mandatory()).isTrue();
        assertThat(e.idempotency().path()).isEqualTo("$.id");
        assertThat(e.idempotency().window()).isEqualTo(Duration.ofHours(24));
        EndpointConfig gh = c.endpoints().get(1);
        assertThat(gh.maxBodySize()).isEqualTo(1024 * 1024);
        assertThat(gh.signature().scheme()).isEqualTo("github");
        assertThat(gh.signature().declaration().signature().name()).isEqualTo("X-Hub-Signature-256");
        assertThat(gh.signature().declaration().prefix()).isEqualTo("sha256=");
        ActionConfig http = c.flows().get(0).steps().get(0);
        assertThat(http.action()).isEqualTo("http");
        assertThat(http.options().get("url")).isEqualTo("http://orders.internal:9000/hooks");
        assertThat(Durations.parse(http.options().get("timeout").toString())).isEqualTo(Duration.ofSeconds(5));
        assertThat(http.options().get("headers")).isEqualTo(Map.of("X-Source", "inlet"));
        assertThat(c.flows().get(0).steps().get(1).when()).isEqualTo("$.data[?(@.priority == 'high')]");
    }

    @Test
    void unknownKeysAreNamedWithTheirPath() {
        assertThat(problems("server: { prot: 80 }\nendpoints: []\nextra: 1").problems())
                .containsExactlyInAnyOrder("server.prot: unknown key", "extra: unknown key");
    }

    @Test
    void badValuesNameTheKeyAndTheAllowedValues() {
        ConfigException e = problems(
                """
        services: [ { id: s, keys: [k], allowIps: ["10.0.0.0/33"] } ]
        endpoints:
          - { id: e1, service: s, format: yaml, signature: { algorithm: md5, secrets: [x] } }
        """);
        assertThat(e.problems())
                .anySatisfy(
                        p -> assertThat(p).startsWith("services[0].allowIps: ").contains("10.0.0.0/33"));
        assertThat(e.problems())
                .contains("endpoints[0].format: \"yaml\" is not one of json, xml, form, multipart, auto");
        assertThat(e.problems())
                .contains("endpoints[0].signature.algorithm: \"md5\" is not one of sha1, sha256, sha512");
    }

    @Test
    void jsonFieldsNameDistinctFieldsOfAFormMultipartOrAutoEndpoint() {
        ConfigException e = problems(
                """
        services: [ { id: s } ]
        endpoints:
          - { id: e1, service: s, auth: none, format: json, jsonFields: [payload] }
          - { id: e2, service: s, auth: none, format: form, jsonFields: [payload, payload] }
          - { id: e3, service: s, auth: none, format: multipart, jsonFields: [""] }
        """);
        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "endpoints[0].jsonFields: applies to form and multipart bodies only, and this endpoint's "
                                + "format is json; remove it or use format form, multipart or auto",
                        "endpoints[1].jsonFields: names a field twice",
                        "endpoints[2].jsonFields: a field name must not be empty");
        InletConfig c = LOADER.parse(
                """
        services: [ { id: s } ]
        endpoints:
          - { id: e1, service: s, auth: none, format: form, jsonFields: [payload] }
          - { id: e2, service: s, auth: none, jsonFields: [envelope, charsets] }
          - { id: e3, service: s, auth: none, format: json }
        """);
        assertThat(c.endpoints().get(0).jsonFields()).containsExactly("payload");
        assertThat(c.endpoints().get(1).format()).isEqualTo(PayloadFormat.AUTO);
        assertThat(c.endpoints().get(1).jsonFields()).containsExactly("envelope", "charsets");
        assertThat(c.endpoints().get(2).jsonFields()).isEmpty();
    }

    @Test
    void referencesMustExistAndIdsBeUnique() {
        ConfigException e = problems(
                """
        services: [ { id: s, keys: [k] }, { id: s, keys: [k] } ]
        endpoints:
          - { id: e1, service: s, flows: [nope], rules: [none] }
          - { id: e2, service: ghost }
          - { id: e3, service: s, auth: jwt }
        """);
        assertThat(e.problems())
                .contains(
                        "services[1].id: \"s\" is used twice; ids must be unique",
                        "endpoints[0].flows: \"nope\" is not a flow id under flows",
                        "endpoints[0].rules: \"none\" is not a rule id under rules",
                        "endpoints[1].service: \"ghost\" is not a service id under services",
                        "endpoints[2].auth: auth jwt needs service s to have a jwt section (or set auth: none)");
    }

    @Test
    void unsetEnvironmentVariableIsAProblemButADefaultIsNot() {
        assertThat(problems("services: [ { id: s, keys: [\"${NOT_SET_ANYWHERE}\"] } ]")
                        .problems())
                .anySatisfy(p -> assertThat(p)
                        .startsWith("services[0].keys[0]: environment variable NOT_SET_ANYWHERE is not set"));
        assertThat(LOADER.parse("services: [ { id: s, keys: [\"${NOT_SET_ANYWHERE:-dflt}\"] } ]")
                        .services()
                        .get(0)
                        .keys())
                .containsExactly("dflt");
    }

    @Test
    void presetSchemesFixTheirHeaderAndJwtNeedsOneKeySource() {
        ConfigException e = problems(
                """
        services: [ { id: s, jwt: { issuer: x } } ]
        endpoints: [ { id: e, service: s, auth: jwt, signature: { scheme: stripe, header: X-Other, secrets: [a] } } ]
        """);
        assertThat(e.problems())
                .contains(
                        "services[0].jwt: set exactly one of secret, publicKey, jwksUrl (found 0)",
                        "endpoints[0].signature.header: is fixed by scheme stripe; only schemes hmac and custom set it");
    }

    @Test
    void actionsAndConditionsAreLeftToWhereFlowsAreCompiled() {
        InletConfig c = LOADER.parse(
                """
        flows: [ { id: f, steps: [ { action: htp, when: "$.a[?(@.b ==" } ] } ]
        rules: [ { id: r, when: "/not[json", actions: [ { action: nothing } ] } ]
        """);
        assertThat(c.flows().get(0).steps().get(0).action()).isEqualTo("htp");
        assertThat(c.rules().get(0).actions().get(0).action()).isEqualTo("nothing");
    }

    @Test
    void notYamlIsOneClearLine() {
        assertThat(problems("server: [unclosed").problems())
                .singleElement()
                .asString()
                .contains("not valid YAML");
    }

    @Test
    void sizesAndDurations() {
        assertThat(Sizes.parse("256KiB")).isEqualTo(262_144);
        assertThat(Sizes.parse("1MiB")).isEqualTo(1_048_576);
        assertThat(Sizes.parse("10KB")).isEqualTo(10_000);
        assertThat(Sizes.parse("512")).isEqualTo(512);
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> Sizes.parse("lots")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("is not a duration");
    }
}
