package dev.inlet.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a configured secret is written: its UTF-8 bytes are the key ({@code plain}), it is base64
 * of the key ({@code base64}), or Standard Webhooks' {@code whsec_} followed by base64 of the key
 * (the prefix may be left out).
 */
public enum SecretFormat {
    PLAIN,
    BASE64,
    WHSEC;

    static final String WHSEC_PREFIX = "whsec_";

    /**
     * The key bytes of {@code secret}.
     *
     * @throws IllegalArgumentException saying what is wrong, never echoing the secret
     */
    public byte[] key(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (this == PLAIN) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        String encoded =
                this == WHSEC && secret.startsWith(WHSEC_PREFIX) ? secret.substring(WHSEC_PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length > 0) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below without echoing the secret
        }
        throw new IllegalArgumentException(
                this == WHSEC
                        ? "is not a Standard Webhooks secret: expected whsec_ followed by base64"
                        : "is not base64, as the scheme's secrets are written");
    }
}
