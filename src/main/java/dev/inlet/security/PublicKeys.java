package dev.inlet.security;

import dev.inlet.config.PublicKeyText;
import dev.inlet.config.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;

/**
 * The public key of an asymmetric scheme ({@link PublicKeyText} reads it as providers show it),
 * ready to verify: each thread keeps its own {@link Signature}, initialised once.
 */
final class PublicKeys {
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
        try {
            return new PublicKeys(algorithm, PublicKeyText.parse(algorithm, text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature.publicKey " + e.getMessage());
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
