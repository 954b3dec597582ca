package dev.inlet.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.support.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * {@code conf/providers.yaml}, README's example of receiving from real providers, loads with its
 * secrets in the environment, names each one it lacks, and serves through the real server: a
 * signed GitHub push queued, Slack's handshake answered, Twilio answered its TwiML.
 */
class ProvidersExampleTest {
    static final Path FILE = Path.of("conf/providers.yaml");
    static final Map<String, String> ENV = Map.of(
            "GITHUB_WEBHOOK_SECRET", "gh-secret",
            "STRIPE_ENDPOINT_SECRET", "whsec_stripe-secret",
            "SLACK_SIGNING_SECRET", "slack-secret",
            "TWILIO_AUTH_TOKEN", "twilio-token",
            // discord.md's generated key pair: the public key as Discord shows it.
            "DISCORD_PUBLIC_KEY", "912091def693dd77f3c226a69014cf94af4d3d4742adf1205545236923fe4ee5",
            "META_APP_SECRET", "meta-secret",
            "META_VERIFY_TOKEN", "meta-verify",
            // The Standard Webhooks test suite's secret.
            "SVIX_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    @Test
    void itLoadsWithItsSecretsInTheEnvironment() {
        InletConfig config = new ConfigLoader(ENV).load(FILE);
        assertThat(config.endpoints())
                .extracting(e -> e.signature().scheme())
                .containsExactly("github", "stripe", "slack", "slack", "twilio", "discord", "meta", "standard");
    }

    @Test
    void aMissingSecretIsNamed() {
        try {
            new ConfigLoader(Map.of()).load(FILE);
        } catch (ConfigException e) {
            assertThat(String.join("\n", e.problems())).contains("GITHUB_WEBHOOK_SECRET", "DISCORD_PUBLIC_KEY");
            return;
        }
        throw new AssertionError("expected the missing secrets to stop the load");
    }

    private static String hex(String algorithm, String secret, String text) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void itServesGithubSlackAndTwilio() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("INLET_PORT", "0");
        env.put("REDIS_URL", TestRedis.url());
        Inlet inlet = Inlet.start(new ConfigLoader(env).load(FILE));
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + inlet.port() + "/v1/webhooks/";
            String push =
                    "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"o/r\"},\"sender\":{\"login\":\"u\"}}";
            HttpResponse<String> github = client.send(
                    HttpRequest.newBuilder(URI.create(base + "5f0c4e8a9b1d4c2e8f7a6b5c4d3e2f1a"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-GitHub-Event", "push")
                            .header(
                                    "X-GitHub-Delivery",
                                    java.util.UUID.randomUUID().toString())
                            .header("X-Hub-Signature-256", "sha256=" + hex("HmacSHA256", "gh-secret", push))
                            .POST(HttpRequest.BodyPublishers.ofString(push))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(github.statusCode()).as(github.body()).isEqualTo(202);

            String challenge = "{\"token\":\"t\",\"challenge\":\"c-123\",\"type\":\"url_verification\"}";
            String ts = Long.toString(System.currentTimeMillis() / 1000);
            HttpResponse<String> slack = client.send(
                    HttpRequest.newBuilder(URI.create(base + "0b1c2d3e4f5a46b7c8d9e0f1a2b3c4d5"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-Slack-Request-Timestamp", ts)
                            .header(
                                    "X-Slack-Signature",
                                    "v0=" + hex("HmacSHA256", "slack-secret", "v0:" + ts + ":" + challenge))
                            .POST(HttpRequest.BodyPublishers.ofString(challenge))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(slack.statusCode()).isEqualTo(200);
            assertThat(slack.body()).isEqualTo("c-123");

            // Twilio signs the URL it called and the form parameters sorted by name, name then value.
            String url = base + "2d3e4f5a6b7c48d9e0f1a2b3c4d5e6f7";
            String form = "MessageSid=SM1&From=%2B14155550100&Body=hi";
            Mac sha1 = Mac.getInstance("HmacSHA1");
            sha1.init(new SecretKeySpec("twilio-token".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signed = url + "Bodyhi" + "From+14155550100" + "MessageSidSM1";
            String signature =
                    java.util.Base64.getEncoder().encodeToString(sha1.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> twilio = client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Twilio-Signature", signature)
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(twilio.statusCode()).as(twilio.body()).isEqualTo(200);
            assertThat(twilio.headers().firstValue("content-type")).hasValue("text/xml");
            assertThat(twilio.body()).isEqualTo("<Response/>");
        } finally {
            inlet.stop();
        }
    }
}
