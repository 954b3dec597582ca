package dev.inlet.security;

import dev.inlet.config.SecretFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The key bytes behind a configured secret, as its format says: its UTF-8 bytes ({@code plain}),
 * base64 of the key ({@code base64}), or {@code whsec_} followed by base64 of the key
 * ({@code whsec}, Standard Webhooks; the prefix may be left out).
 */
final class SigningKeys {
    static final String WHSEC_PREFIX = "whsec_";

    private SigningKeys() {}

    static List<byte[]> of(SecretFormat format, List<String> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("signature.secrets: at least one secret is required");
        }
        List<byte[]> keys = new ArrayList<>(secrets.size());
        for (int i = 0; i < secrets.size(); i++) {
            keys.add(of(format, secrets.get(i), i));
        }
        return keys;
    }

    /** @throws IllegalArgumentException naming the secret's index, never its value */
    static byte[] of(SecretFormat format, String secret, int index) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("signature.secrets[" + index + "] is empty");
        }
        if (format == SecretFormat.PLAIN) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        String encoded = format == SecretFormat.WHSEC && secret.startsWith(WHSEC_PREFIX)
                ? secret.substring(WHSEC_PREFIX.length())
                : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length > 0) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below without echoing the secret
        }
        throw new IllegalArgumentException("signature.secrets[" + index + "] is not "
                + (format == SecretFormat.WHSEC
                        ? "a Standard Webhooks secret: expected whsec_ followed by base64"
                        : "base64, as the scheme's secrets are written"));
    }
}
