package dev.inlet.security;

import dev.inlet.config.SecretFormat;
import java.util.ArrayList;
import java.util.List;

/** The key bytes behind configured secrets, as their {@link SecretFormat} says; errors name the index, never the value. */
final class SigningKeys {
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
        try {
            return format.key(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature.secrets[" + index + "] " + e.getMessage());
        }
    }
}
