package dev.inlet.security;

import dev.inlet.config.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The HMAC key bytes behind a configured secret: its UTF-8 bytes, except for Standard Webhooks,
 * whose secrets are {@code whsec_} followed by the base64 key (the prefix may be left out).
 */
final class SigningKeys {
    static final String STANDARD_PREFIX = "whsec_";

    private SigningKeys() {}

    static List<byte[]> of(SignatureScheme scheme, List<String> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("signature.secrets: at least one secret is required");
        }
        List<byte[]> keys = new ArrayList<>(secrets.size());
        for (int i = 0; i < secrets.size(); i++) {
            keys.add(of(scheme, secrets.get(i), i));
        }
        return keys;
    }

    /** @throws IllegalArgumentException naming the secret's index, never its value */
    static byte[] of(SignatureScheme scheme, String secret, int index) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("signature.secrets[" + index + "] is empty");
        }
        if (scheme != SignatureScheme.STANDARD) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        String encoded = secret.startsWith(STANDARD_PREFIX) ? secret.substring(STANDARD_PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length > 0) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below without echoing the secret
        }
        throw new IllegalArgumentException("signature.secrets[" + index
                + "] is not a Standard Webhooks secret: expected whsec_ followed by base64");
    }
}
