package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignaturePresets;
import dev.inlet.security.Signatures;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every signature preset through the real server: a delivery shaped as its provider sends it (the
 * vector bodies of PresetVectorsTest, where the provider's own SDK or documentation pins the
 * scheme), signed now, is queued (1002, with the status the provider counts as delivered); the
 * same with a body byte (or, where the body is not signed, the signed field) changed, signed with
 * another secret, or an hour old (timestamped schemes) is refused 7028 / 7028 / 7042, Discord's
 * with 401. URL-signing schemes are reached through a trusted proxy's X-Forwarded-Proto/Host.
 */
@ExtendWith(VertxExtension.class)
class PresetsIngestTest {
    static final String PUBLIC_HOST = "hooks.example.com";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String ACME_KEY = Base64.getEncoder().encodeToString("acme-signing-key-bytes".getBytes());
    static Inlet inlet;
    static KeyPair ed25519;
    static KeyPair p256;

    static List<String> presets() {
        return SignaturePresets.names();
    }

    static String secret(String scheme) {
        return switch (SignaturePresets.find(scheme).secretFormat()) {
            case WHSEC -> "whsec_" + Base64.getEncoder().encodeToString("a-32-byte-standard-webhooks-key!".getBytes());
            case BASE64 -> Base64.getEncoder().encodeToString("a-base64-key".getBytes());
            case PLAIN -> scheme + "-secret-0001";
        };
    }

    static String otherSecret(String scheme) {
        return switch (SignaturePresets.find(scheme).secretFormat()) {
            case WHSEC -> "whsec_" + Base64.getEncoder().encodeToString("another-32-byte-webhooks-secret!".getBytes());
            case BASE64 -> Base64.getEncoder().encodeToString("another-key".getBytes());
            case PLAIN -> scheme + "-secret-0002";
        };
    }

    static byte[] vector(String name) {
        try (InputStream in =
                PresetsIngestTest.class.getResourceAsStream("/dev/inlet/security/vectors/" + name + ".body")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        ed25519 = ed.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        p256 = ec.generateKeyPair();
        byte[] spki = ed25519.getPublic().getEncoded();
        String discordKey = HexFormat.of().formatHex(spki, spki.length - 32, spki.length);
        String sendgridKey = Base64.getEncoder().encodeToString(p256.getPublic().getEncoded());
        StringBuilder endpoints = new StringBuilder();
        for (String scheme : presets()) {
            String keys =
                    switch (scheme) {
                        case "discord" -> "publicKey: \"" + discordKey + "\"";
                        case "sendgrid" -> "publicKey: \"" + sendgridKey + "\"";
                        default -> "secrets: [\"" + secret(scheme) + "\"]";
                    };
            // Paddle's 5 s and Linear's 60 s windows are the providers'; a loaded test machine gets more.
            String tolerance = scheme.equals("paddle") || scheme.equals("linear") ? ", tolerance: 300s" : "";
            // Meta's GET handshake needs the verify token, so the loader requires it.
            String verifyToken = scheme.equals("meta") ? ", verifyToken: \"meta-verify\"" : "";
            endpoints
                    .append("  - { id: ")
                    .append(scheme)
                    .append("-ep, service: shop, auth: none, format: auto,")
                    .append(" signature: { scheme: ")
                    .append(scheme)
                    .append(", ")
                    .append(keys)
                    .append(tolerance)
                    .append(verifyToken)
                    .append(" } }\n");
        }
        String yaml =
                """
                server: { port: 0, host: 127.0.0.1, trustedProxies: ["127.0.0.1/32"] }
                redis: { url: "%s", stream: "test:presets:%s" }
                workers: { instances: 0 }
                services: [ { id: shop, keys: [k] } ]
                endpoints:
                %s  - id: acme-ep
                    service: shop
                    auth: none
                    format: json
                    signature:
                      scheme: custom
                      secrets: ["%s"]
                      secretFormat: base64
                      algorithm: sha512
                      header: X-Acme-Signature
                      list: ";"
                      prefix: "v1="
                      encoding: base64
                      timestamp: { item: "ts=" }
                      tolerance: 120s
                      signed: "{timestamp}.{header:X-Acme-Delivery}.{body}"
                      deliveryId: X-Acme-Delivery
                      successStatus: 200
                """
                        .formatted(TestRedis.url(), UUID.randomUUID(), endpoints, ACME_KEY);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.stop();
        }
    }

    /** One request to send. */
    record Delivery(String target, Map<String, String> headers, byte[] body) {}

    /** A real-shaped body for {@code scheme}, its signed fields (if any) made at {@code now}. */
    static byte[] body(String scheme, long now, String secret, boolean tamperSignedField) {
        String text =
                switch (scheme) {
                    case "slack" -> "{\"type\":\"event_callback\",\"event_id\":\"Ev" + UUID.randomUUID()
                            + "\",\"event\":{\"type\":\"app_mention\"}}";
                    case "discord" -> "{\"application_id\":\"1234567890123456789\",\"id\":\"" + UUID.randomUUID()
                            + "\",\"type\":2,\"data\":{\"name\":\"hello\"},\"version\":1}";
                    case "linear" -> new String(vector("linear"), StandardCharsets.UTF_8)
                            .replace(
                                    "\"webhookTimestamp\":1700000000123", "\"webhookTimestamp\":" + (now * 1000 + 123));
                    case "mailgun" -> mailgun(now, secret, tamperSignedField);
                    case "mailgun-form" -> mailgunForm(now, secret, tamperSignedField);
                    case "msgraph" -> new String(vector("msgraph"), StandardCharsets.UTF_8)
                            .replace("secretClientValue", tamperSignedField ? secret + "x" : secret);
                    case "stripe", "paddle", "pagerduty", "typeform", "intercom", "square", "woocommerce" -> new String(
                                    vector(scheme), StandardCharsets.UTF_8)
                            .replaceFirst(
                                    "\"(evt_|ntf_|notif_|01H)?[A-Za-z0-9_-]{6,}\"", "\"id-" + UUID.randomUUID() + "\"");
                    case "hmac", "standard", "svix" -> "{\"data\":{\"id\":\"" + UUID.randomUUID() + "\"}}";
                    case "github" -> "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":" + (now % 100000) + "}";
                    case "twilio" -> new String(vector("twilio-json"), StandardCharsets.UTF_8);
                    default -> new String(vector(scheme), StandardCharsets.UTF_8);
                };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Mailgun's JSON webhook: its signature object signs its timestamp and token, not the event. */
    static String mailgun(long now, String secret, boolean tamper) {
        String token = UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef01";
        String signature = Signatures.hmac(
                dev.inlet.config.SignatureAlgorithm.SHA256,
                dev.inlet.config.SignatureEncoding.HEX,
                "",
                secret,
                (now + token).getBytes(StandardCharsets.UTF_8));
        return "{\"signature\":{\"timestamp\":\"" + now + "\",\"token\":\"" + (tamper ? token + "x" : token)
                + "\",\"signature\":\"" + signature + "\"},\"event-data\":{\"event\":\"delivered\",\"id\":\""
                + UUID.randomUUID() + "\",\"recipient\":\"alice@example.com\"}}";
    }

    /** Mailgun's form post (an inbound Route): the same three values as top-level fields. */
    static String mailgunForm(long now, String secret, boolean tamper) {
        String token = UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef01";
        String signature = Signatures.hmac(
                dev.inlet.config.SignatureAlgorithm.SHA256,
                dev.inlet.config.SignatureEncoding.HEX,
                "",
                secret,
                (now + token).getBytes(StandardCharsets.UTF_8));
        return "timestamp=" + now + "&token=" + (tamper ? token + "x" : token) + "&signature=" + signature
                + "&recipient=bob%40example.com&sender=alice%40example.com&subject=Hello&body-plain=Hi";
    }

    /** The delivery as {@code scheme}'s sender makes it at {@code now} with {@code secret}. */
    static Delivery delivery(String scheme, long now, String secret, boolean tamper) {
        SignatureConfig config = inlet.config().endpoints().stream()
                .filter(e -> e.id().equals(scheme + "-ep"))
                .findFirst()
                .orElseThrow()
                .signature();
        byte[] body = body(scheme, now, secret, tamper);
        String target = "/v1/webhooks/" + scheme + "-ep";
        if (scheme.equals("twilio")) {
            target += "?bodySHA256=" + Signatures.sha256Hex(body);
        }
        if (scheme.equals("hubspot")) {
            target += "?email=a%40b.com";
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", scheme.equals("mailgun-form") ? FORM : "application/json");
        headers.put("X-Forwarded-Proto", "https");
        headers.put("X-Forwarded-Host", PUBLIC_HOST);
        if (scheme.equals("twitch")) {
            headers.put("Twitch-Eventsub-Message-Type", "notification");
        }
        if (!scheme.startsWith("mailgun") && !scheme.equals("msgraph")) {
            java.security.PrivateKey key = scheme.equals("discord")
                    ? ed25519.getPrivate()
                    : scheme.equals("sendgrid") ? p256.getPrivate() : null;
            // The asymmetric schemes' "other secret" is another key pair.
            if (key != null && !secret.equals(secret(scheme))) {
                key = freshKey(scheme);
            }
            Signatures.Request signed = Signatures.sign(
                    config,
                    secret,
                    key,
                    UUID.randomUUID().toString(),
                    now,
                    new Signatures.Request("https://" + PUBLIC_HOST + target, target, headers, body));
            headers = signed.headers();
            if (tamper) {
                if (scheme.equals("gitlab")) {
                    headers.put("X-Gitlab-Token", secret + "x");
                } else {
                    body = body.clone();
                    body[body.length / 2] ^= 0x01;
                }
            }
        }
        return new Delivery(target, headers, body);
    }

    static java.security.PrivateKey freshKey(String scheme) {
        try {
            if (scheme.equals("discord")) {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
            }
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            return ec.generateKeyPair().getPrivate();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Future<HttpResponse<Buffer>> send(Http http, Delivery d) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        d.headers().forEach(headers::set);
        return http.send(HttpMethod.POST, d.target(), headers, Buffer.buffer(d.body()));
    }

    static String code(HttpResponse<Buffer> res) {
        return res.bodyAsJsonObject().getString("code");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void eachPresetQueuesWhatItsProviderSignsAndRefusesTheRest(String scheme, Vertx vertx, VertxTestContext tc) {
        Http http = new Http(vertx, inlet.port());
        long now = System.currentTimeMillis() / 1000;
        boolean timestamped = SignaturePresets.find(scheme).timestamp() != null;
        int refusal = scheme.equals("discord") ? 401 : 400;
        int success =
                switch (scheme) {
                    case "meta", "mailgun", "mailgun-form", "zoom" -> 200;
                    default -> 202;
                };
        List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
        answers.add(send(http, delivery(scheme, now, secret(scheme), false)));
        answers.add(send(http, delivery(scheme, now, secret(scheme), true)));
        answers.add(send(http, delivery(scheme, now, otherSecret(scheme), false)));
        answers.add(send(http, delivery(scheme, now - 3600, secret(scheme), false)));
        Future.all(answers)
                .onComplete(tc.succeeding(all -> tc.verify(() -> {
                    HttpResponse<Buffer> ok = answers.get(0).result();
                    assertThat(code(ok)).as("signed as the provider does").isEqualTo("1002");
                    assertThat(ok.statusCode())
                            .as("the status the provider counts as delivered")
                            .isEqualTo(success);
                    assertThat(code(answers.get(1).result())).as("tampered").isEqualTo("7028");
                    assertThat(answers.get(1).result().statusCode()).isEqualTo(refusal);
                    assertThat(code(answers.get(2).result()))
                            .as("another secret")
                            .isEqualTo("7028");
                    assertThat(code(answers.get(3).result()))
                            .as("an hour old")
                            .isEqualTo(timestamped ? "7042" : "1002");
                    if (timestamped) {
                        assertThat(answers.get(3).result().statusCode()).isEqualTo(refusal);
                    }
                    tc.completeNow();
                })));
    }

    /** README's worked example of {@code scheme: custom}, signed as its shell recipe does. */
    static Delivery acme(String key, long ts, String id, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA512");
        mac.init(new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA512"));
        String sig = Base64.getEncoder()
                .encodeToString(mac.doFinal((ts + "." + id + "." + body).getBytes(StandardCharsets.UTF_8)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Acme-Delivery", id);
        headers.put("X-Acme-Signature", "ts=" + ts + ";v1=" + sig);
        return new Delivery("/v1/webhooks/acme-ep", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theReadmesCustomDeclarationWorksAsDocumented(Vertx vertx, VertxTestContext tc) throws Exception {
        Http http = new Http(vertx, inlet.port());
        long now = System.currentTimeMillis() / 1000;
        String id = "dlv_" + UUID.randomUUID();
        String body = "{\"data\":{\"id\":1}}";
        Delivery good = acme(ACME_KEY, now, id, body);
        String otherKey = Base64.getEncoder().encodeToString("another-key".getBytes());
        Delivery otherSigned = acme(otherKey, now, id, body);
        Delivery stale = acme(ACME_KEY, now - 3600, id, body);
        send(http, good)
                .compose(first -> Future.all(
                                send(http, good),
                                send(http, otherSigned),
                                send(http, stale),
                                send(
                                        http,
                                        new Delivery(
                                                good.target(),
                                                Map.of("Content-Type", "application/json"),
                                                good.body())))
                        .map(rest ->
                                List.of(first, rest.resultAt(0), rest.resultAt(1), rest.resultAt(2), rest.resultAt(3))))
                .onComplete(tc.succeeding(all -> tc.verify(() -> {
                    List<HttpResponse<Buffer>> r =
                            all.stream().map(x -> (HttpResponse<Buffer>) x).toList();
                    assertThat(r.get(0).statusCode()).isEqualTo(200);
                    assertThat(code(r.get(0))).isEqualTo("1002");
                    assertThat(r.get(1).bodyAsJsonObject().getString("transid"))
                            .as("the same X-Acme-Delivery: the first transid")
                            .isEqualTo(r.get(0).bodyAsJsonObject().getString("transid"));
                    assertThat(code(r.get(2))).isEqualTo("7028");
                    assertThat(code(r.get(3))).isEqualTo("7042");
                    assertThat(code(r.get(4))).isEqualTo("7029");
                    tc.completeNow();
                })));
    }

    @Test
    void discordsPingIsAnsweredOnceItsEd25519SignatureVerified(Vertx vertx, VertxTestContext tc) {
        Http http = new Http(vertx, inlet.port());
        long now = System.currentTimeMillis() / 1000;
        // A PING as Discord's interactions endpoint check sends it (discord.md's vector 1: every
        // interaction has its token and version, docs/interactions/receiving-and-responding).
        String ping = "{\"application_id\":\"1234567890123456789\",\"id\":\"1111111111111111111\","
                + "\"token\":\"aW50ZXJhY3Rpb246MTExMTExMTExMTExMTExMTExMTp0ZXN0\",\"type\":1,"
                + "\"user\":{\"id\":\"2222222222222222222\",\"username\":\"inlet\"},\"version\":1}";
        SignatureConfig config = inlet.config().endpoints().stream()
                .filter(e -> e.id().equals("discord-ep"))
                .findFirst()
                .orElseThrow()
                .signature();
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/json"));
        Signatures.Request signed = Signatures.sign(
                config,
                null,
                ed25519.getPrivate(),
                "unused",
                now,
                new Signatures.Request("", "/v1/webhooks/discord-ep", headers, ping.getBytes(StandardCharsets.UTF_8)));
        Signatures.Request forged = Signatures.sign(
                config,
                null,
                freshKey("discord"),
                "unused",
                now,
                new Signatures.Request("", "/v1/webhooks/discord-ep", headers, ping.getBytes(StandardCharsets.UTF_8)));
        Future.all(
                        send(http, new Delivery("/v1/webhooks/discord-ep", signed.headers(), signed.body())),
                        send(http, new Delivery("/v1/webhooks/discord-ep", forged.headers(), forged.body())))
                .onComplete(tc.succeeding(all -> tc.verify(() -> {
                    HttpResponse<Buffer> pong = all.resultAt(0);
                    assertThat(pong.statusCode()).isEqualTo(200);
                    assertThat(pong.bodyAsString()).isEqualTo("{\"type\":1}");
                    HttpResponse<Buffer> refused = all.resultAt(1);
                    assertThat(refused.statusCode())
                            .as("Discord's probes with bad signatures")
                            .isEqualTo(401);
                    assertThat(code(refused)).isEqualTo("7028");
                    tc.completeNow();
                })));
    }

    @Test
    void aPresetAnswersItsOwnHandshakeByDefault(Vertx vertx, VertxTestContext tc) {
        // The presets' file names each preset's handshake: msgraph's validationToken, with no handshake key set.
        Http http = new Http(vertx, inlet.port());
        http.send(
                        HttpMethod.POST,
                        "/v1/webhooks/msgraph-ep?validationToken=Validation%3a+Testing",
                        Http.headers("Content-Type", "text/plain; charset=utf-8"),
                        Buffer.buffer())
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertThat(res.statusCode()).isEqualTo(200);
                    assertThat(res.bodyAsString()).isEqualTo("Validation: Testing");
                    tc.completeNow();
                })));
    }

    @Test
    void discordRefusesAMissingSignatureWith401(Vertx vertx, VertxTestContext tc) {
        Http http = new Http(vertx, inlet.port());
        http.post("/v1/webhooks/discord-ep", Http.headers("Content-Type", "application/json"), "{\"type\":2}")
                .onComplete(tc.succeeding(res -> tc.verify(() -> {
                    assertThat(res.statusCode()).isEqualTo(401);
                    assertThat(code(res)).isEqualTo("7029");
                    tc.completeNow();
                })));
    }

    @Test
    void twilioFormDeliveriesSignTheUrlAndTheSortedParameters(Vertx vertx, VertxTestContext tc) throws Exception {
        Http http = new Http(vertx, inlet.port());
        String target = "/v1/webhooks/twilio-ep?foo=1&bar=2";
        String body = "MessageSid=SM" + UUID.randomUUID().toString().replace("-", "")
                + "&From=%2B14158675309&To=%2B18005551212&Body=Hello+there&NumMedia=0";
        // As Twilio's SDKs sign: the URL, then each parameter (sorted by name) as name + value.
        java.util.TreeMap<String, String> params = new java.util.TreeMap<>();
        for (String pair : body.split("&")) {
            String[] nv = pair.split("=", 2);
            params.put(nv[0], java.net.URLDecoder.decode(nv[1], StandardCharsets.UTF_8));
        }
        StringBuilder signed = new StringBuilder("https://" + PUBLIC_HOST + target);
        params.forEach((name, value) -> signed.append(name).append(value));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret("twilio").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature =
                Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", FORM);
        headers.put("X-Forwarded-Proto", "https");
        headers.put("X-Forwarded-Host", PUBLIC_HOST);
        headers.put("X-Twilio-Signature", signature);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] changed = body.replace("Hello+there", "Hello+thera").getBytes(StandardCharsets.UTF_8);
        Future.all(
                        send(http, new Delivery(target, headers, bytes)),
                        send(http, new Delivery(target, headers, changed)),
                        send(http, new Delivery(target + "&x=1", headers, bytes)))
                .onComplete(tc.succeeding(all -> tc.verify(() -> {
                    assertThat(code(all.resultAt(0))).isEqualTo("1002");
                    assertThat(code(all.resultAt(1))).as("a parameter changed").isEqualTo("7028");
                    assertThat(code(all.resultAt(2))).as("the URL changed").isEqualTo("7028");
                    tc.completeNow();
                })));
    }

    @Test
    void aUrlSigningSchemeNeedsThePublicUrlOfATrustedProxy(Vertx vertx, VertxTestContext tc) {
        Http http = new Http(vertx, inlet.port());
        long now = System.currentTimeMillis() / 1000;
        Delivery d = delivery("square", now, secret("square"), false);
        Map<String, String> direct = new LinkedHashMap<>(d.headers());
        direct.remove("X-Forwarded-Proto");
        direct.remove("X-Forwarded-Host");
        Map<String, String> otherHost = new LinkedHashMap<>(d.headers());
        otherHost.put("X-Forwarded-Host", "evil.example.com");
        Future.all(
                        send(http, d),
                        send(http, new Delivery(d.target(), direct, d.body())),
                        send(http, new Delivery(d.target(), otherHost, d.body())))
                .onComplete(tc.succeeding(all -> tc.verify(() -> {
                    assertThat(code(all.resultAt(0))).isEqualTo("1002");
                    assertThat(code(all.resultAt(1)))
                            .as("the URL Inlet sees is not the one signed")
                            .isEqualTo("7028");
                    assertThat(code(all.resultAt(2))).isEqualTo("7028");
                    tc.completeNow();
                })));
    }

    @Test
    void aPresetsDeliveryIdIsTheIdempotencyKey(Vertx vertx, VertxTestContext tc) {
        Http http = new Http(vertx, inlet.port());
        long now = System.currentTimeMillis() / 1000;
        Delivery first = delivery("github", now, secret("github"), false);
        Map<String, String> headers = new LinkedHashMap<>(first.headers());
        headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
        Delivery d = new Delivery(first.target(), headers, first.body());
        send(http, d)
                .compose(a -> send(http, d).map(b -> List.of(a, b)))
                .onComplete(tc.succeeding(both -> tc.verify(() -> {
                    assertThat(both).allSatisfy(r -> assertThat(code(r)).isEqualTo("1002"));
                    assertThat(both.get(1).bodyAsJsonObject().getString("transid"))
                            .as("the repeat answers the first transid")
                            .isEqualTo(both.get(0).bodyAsJsonObject().getString("transid"));
                    tc.completeNow();
                })));
    }
}
