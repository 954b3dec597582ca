package dev.inlet.config;

import java.time.Duration;

/**
 * The signature schemes an endpoint can require; names are the config's {@code signature.scheme}
 * values. Each preset carries the provider's header, digest, encoding and prefix, so a config only
 * names the scheme and its secrets.
 */
public enum SignatureScheme {
    HMAC("X-Signature", HmacAlgorithm.SHA256, SignatureEncoding.HEX, ""),
    GITHUB("X-Hub-Signature-256", HmacAlgorithm.SHA256, SignatureEncoding.HEX, "sha256="),
    STRIPE("Stripe-Signature", HmacAlgorithm.SHA256, SignatureEncoding.HEX, ""),
    SHOPIFY("X-Shopify-Hmac-Sha256", HmacAlgorithm.SHA256, SignatureEncoding.BASE64, ""),
    SLACK("X-Slack-Signature", HmacAlgorithm.SHA256, SignatureEncoding.HEX, "v0="),
    STANDARD("webhook-signature", HmacAlgorithm.SHA256, SignatureEncoding.BASE64, "v1,");

    /** Default replay window of the timestamped schemes (stripe, slack, standard). */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final String defaultHeader;
    private final HmacAlgorithm defaultAlgorithm;
    private final SignatureEncoding defaultEncoding;
    private final String defaultPrefix;

    SignatureScheme(String header, HmacAlgorithm algorithm, SignatureEncoding encoding, String prefix) {
        this.defaultHeader = header;
        this.defaultAlgorithm = algorithm;
        this.defaultEncoding = encoding;
        this.defaultPrefix = prefix;
    }

    public String defaultHeader() {
        return defaultHeader;
    }

    public HmacAlgorithm defaultAlgorithm() {
        return defaultAlgorithm;
    }

    public SignatureEncoding defaultEncoding() {
        return defaultEncoding;
    }

    public String defaultPrefix() {
        return defaultPrefix;
    }

    /** Only the generic scheme lets the config choose header, algorithm, encoding and prefix. */
    public boolean configurable() {
        return this == HMAC;
    }
}
