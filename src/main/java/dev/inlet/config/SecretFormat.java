package dev.inlet.config;

/**
 * How a configured secret is written: its UTF-8 bytes are the key ({@code plain}), it is base64
 * of the key ({@code base64}), or Standard Webhooks' {@code whsec_} followed by base64 of the key
 * (the prefix may be left out).
 */
public enum SecretFormat {
    PLAIN,
    BASE64,
    WHSEC
}
