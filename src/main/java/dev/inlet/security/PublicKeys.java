package dev.inlet.security;

import dev.inlet.config.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The public key of an asymmetric scheme, as providers show it: Ed25519 as 64 hex characters
 * (Discord) or base64 of the 32 raw bytes; ECDSA P-256 as base64 of its SubjectPublicKeyInfo
 * (SendGrid); either as PEM or base64 SubjectPublicKeyInfo. Each thread keeps its own
 * {@link Signature}, initialised once.
 */
final class PublicKeys {
    /** SubjectPublicKeyInfo of an Ed25519 key up to its 32 raw bytes (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final ThreadLocal<Signature> verifier;

    private PublicKeys(SignatureAlgorithm algorithm, PublicKey key) {
        this.verifier = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = Signature.getInstance(algorithm.jcaName());
                signature.initVerify(key);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm.jcaName() + " is not available", e);
            }
        });
        verifier.get();
    }

    /** @throws IllegalArgumentException when {@code text} is not a key of {@code algorithm}, without echoing it */
    static PublicKeys of(SignatureAlgorithm algorithm, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("signature.publicKey is required for " + algorithm.configName());
        }
        boolean ed25519 = algorithm == SignatureAlgorithm.ED25519;
        byte[] bytes = bytes(text.strip());
        if (bytes == null) {
            throw new IllegalArgumentException("signature.publicKey is neither hex, base64 nor PEM");
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
                throw new IllegalArgumentException("signature.publicKey is an EC key, but not on P-256");
            }
            return new PublicKeys(algorithm, key);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(
                    "signature.publicKey is not an " + (ed25519 ? "Ed25519" : "ECDSA P-256") + " public key");
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

    /** Whether any of {@code candidates} is a signature of {@code segments}, one after the other. */
    boolean verifies(List<byte[]> candidates, List<byte[]> segments) {
        Signature signature = verifier.get();
        for (byte[] candidate : candidates) {
            try {
                for (int s = 0; s < segments.size(); s++) {
                    signature.update(segments.get(s));
                }
                if (signature.verify(candidate)) {
                    return true;
                }
            } catch (GeneralSecurityException | RuntimeException malformed) {
                // a malformed signature verifies nothing; start the next one on a fresh object
                verifier.remove();
                signature = verifier.get();
            }
        }
        return false;
    }
}
