package dev.inlet.security;

import dev.inlet.config.HmacAlgorithm;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignatureEncoding;
import dev.inlet.config.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How senders sign, as pure functions: each returns the header value a provider would send, so
 * tests and the JMH benchmarks (src/jmh/java) produce requests that {@link SignatureVerifier}
 * accepts. Secrets are the strings written in config. Test code: Inlet itself only verifies.
 */
public final class Signatures {
    private static final HexFormat HEX = HexFormat.of();

    private Signatures() {}

    /** The generic scheme: {@code prefix} + the encoded HMAC of the body. */
    public static String hmac(
            HmacAlgorithm algorithm, SignatureEncoding encoding, String prefix, String secret, byte[] body) {
        byte[] key = SigningKeys.of(SignatureScheme.HMAC, secret, 0);
        return (prefix == null ? "" : prefix) + encode(encoding, mac(algorithm, key, null, body));
    }

    /** GitHub's {@code X-Hub-Signature-256} value: {@code sha256=<hex>}. */
    public static String github(String secret, byte[] body) {
        return hmac(HmacAlgorithm.SHA256, SignatureEncoding.HEX, "sha256=", secret, body);
    }

    /** Shopify's {@code X-Shopify-Hmac-Sha256} value: base64 HMAC-SHA256 of the body. */
    public static String shopify(String secret, byte[] body) {
        return hmac(HmacAlgorithm.SHA256, SignatureEncoding.BASE64, "", secret, body);
    }

    /** Stripe's {@code Stripe-Signature} value: {@code t=<timestamp>,v1=<hex>}. */
    public static String stripe(String secret, long timestamp, byte[] body) {
        byte[] key = SigningKeys.of(SignatureScheme.STRIPE, secret, 0);
        byte[] signed = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        return "t=" + timestamp + ",v1=" + HEX.formatHex(mac(HmacAlgorithm.SHA256, key, signed, body));
    }

    /** Slack's {@code X-Slack-Signature} value, {@code v0=<hex>}; the timestamp travels in {@code X-Slack-Request-Timestamp}. */
    public static String slack(String secret, long timestamp, byte[] body) {
        byte[] key = SigningKeys.of(SignatureScheme.SLACK, secret, 0);
        byte[] signed = ("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII);
        return "v0=" + HEX.formatHex(mac(HmacAlgorithm.SHA256, key, signed, body));
    }

    /**
     * Standard Webhooks' {@code webhook-signature} value, {@code v1,<base64>}; {@code secret} is
     * {@code whsec_<base64>}, and id and timestamp travel in {@code webhook-id} and {@code webhook-timestamp}.
     */
    public static String standard(String secret, String id, long timestamp, byte[] body) {
        byte[] key = SigningKeys.of(SignatureScheme.STANDARD, secret, 0);
        byte[] signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(mac(HmacAlgorithm.SHA256, key, signed, body));
    }

    /**
     * Every header a sender using {@code config}'s scheme would set, by name. {@code id} is used by
     * Standard Webhooks only, {@code timestamp} by the timestamped schemes only.
     */
    public static Map<String, String> headers(
            SignatureConfig config, String secret, String id, long timestamp, byte[] body) {
        String header = config.header();
        Map<String, String> headers = new LinkedHashMap<>();
        switch (config.scheme()) {
            case STRIPE -> headers.put(header, stripe(secret, timestamp, body));
            case SLACK -> {
                headers.put(header, slack(secret, timestamp, body));
                headers.put(SlackVerifier.TIMESTAMP_HEADER, Long.toString(timestamp));
            }
            case STANDARD -> {
                headers.put(StandardWebhooksVerifier.ID_HEADER, id);
                headers.put(StandardWebhooksVerifier.TIMESTAMP_HEADER, Long.toString(timestamp));
                headers.put(header, standard(secret, id, timestamp, body));
            }
            case HMAC, GITHUB, SHOPIFY -> headers.put(
                    header, hmac(config.algorithm(), config.encoding(), config.prefix(), secret, body));
        }
        return headers;
    }

    private static String encode(SignatureEncoding encoding, byte[] bytes) {
        return encoding == SignatureEncoding.HEX
                ? HEX.formatHex(bytes)
                : Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] mac(HmacAlgorithm algorithm, byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(key, algorithm.jcaName()));
            if (prefix != null) {
                mac.update(prefix);
            }
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is not available", e);
        }
    }
}
