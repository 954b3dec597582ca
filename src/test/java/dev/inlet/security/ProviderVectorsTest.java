package dev.inlet.security;

import static dev.inlet.security.SignatureFixtures.config;
import static dev.inlet.security.SignatureFixtures.lookup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.security.SignatureVerifier.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test vectors published in the providers' own documentation. */
class ProviderVectorsTest {
    @Test
    void github() {
        String secret = "It's a Secret to Everybody";
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertThat(Signatures.github(secret, body)).isEqualTo(expected);
        assertThat(SignatureVerifier.create(config("github", secret))
                        .verify(lookup(Map.of("X-Hub-Signature-256", expected)), body, 0))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void slack() {
        String secret = "8f742231b10e8888abcd99yyyzzz85a5";
        long timestamp = 1531420618L;
        byte[] body = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
                .getBytes(StandardCharsets.UTF_8);
        String expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        assertThat(Signatures.slack(secret, timestamp, body)).isEqualTo(expected);
        Map<String, String> headers = Map.of("X-Slack-Signature", expected, "X-Slack-Request-Timestamp", "1531420618");
        SignatureVerifier verifier = SignatureVerifier.create(config("slack", secret));
        assertThat(verifier.verify(lookup(headers), body, timestamp + 10)).isEqualTo(Verdict.VALID);
        assertThat(verifier.verify(lookup(headers), body, timestamp + 301)).isEqualTo(Verdict.STALE);
    }

    @Test
    void standardWebhooks() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        long timestamp = 1614265330L;
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        String expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assertThat(Signatures.standard(secret, id, timestamp, body)).isEqualTo(expected);
        Map<String, String> headers =
                Map.of("webhook-id", id, "webhook-timestamp", "1614265330", "webhook-signature", expected);
        assertThat(SignatureVerifier.create(config("standard", secret)).verify(lookup(headers), body, timestamp))
                .isEqualTo(Verdict.VALID);
        // the key is the same without the whsec_ prefix
        assertThat(SignatureVerifier.create(config("standard", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                        .verify(lookup(headers), body, timestamp))
                .isEqualTo(Verdict.VALID);
    }
}
