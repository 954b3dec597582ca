package dev.inlet.config;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signature's {@code publicKey} as providers show it: Ed25519 as 64 hex characters (Discord)
 * or base64 of its 32 raw bytes; ECDSA P-256 as base64 of its SubjectPublicKeyInfo (SendGrid);
 * either as PEM or base64 SubjectPublicKeyInfo.
 */
public final class PublicKeyText {
    /** SubjectPublicKeyInfo of an Ed25519 key up to its 32 raw bytes (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private PublicKeyText() {}

    /**
     * The key {@code text} writes for {@code algorithm}.
     *
     * @throws IllegalArgumentException saying what is wrong, without echoing the key
     */
    public static PublicKey parse(SignatureAlgorithm algorithm, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required for " + algorithm.configName());
        }
        boolean ed25519 = algorithm == SignatureAlgorithm.ED25519;
        byte[] bytes = bytes(text.strip());
        if (bytes == null) {
            throw new IllegalArgumentException("is neither hex, base64 nor PEM");
        }
        if (ed25519 && bytes.length == 32) {
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(bytes, 0, spki, ED25519_SPKI_PREFIX.length, 32);
            bytes = spki;
        }
        try {
            PublicKey key =
                    KeyFactory.getInstance(ed25519 ? "Ed25519" : "EC").generatePublic(new X509EncodedKeySpec(bytes));
            if (!ed25519 && ((ECPublicKey) key).getParams().getOrder().bitLength() != 256) {
                throw new IllegalArgumentException("is an EC key, but not on P-256");
            }
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("is not an " + (ed25519 ? "Ed25519" : "ECDSA P-256") + " public key");
        }
    }

    private static byte[] bytes(String text) {
        String body = text;
        if (body.startsWith("-----BEGIN")) {
            int start = body.indexOf('\n');
            int end = body.indexOf("-----END");
            if (start < 0 || end < start) {
                return null;
            }
            body = body.substring(start + 1, end);
        }
        body = body.replaceAll("\\s", "");
        if (body.length() == 64 && body.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return HexFormat.of().parseHex(body);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
