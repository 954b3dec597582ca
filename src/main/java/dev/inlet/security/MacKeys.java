package dev.inlet.security;

import dev.inlet.config.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC keys of one endpoint, prepared once. {@link Mac} is not thread-safe, so each thread
 * (an event loop, in practice) keeps its own initialised instances and digest buffers: a
 * verification allocates nothing here. Preparing the keys makes no {@link Mac}: the thread that
 * compiles a config (a worker, on a reload) would keep one per signed endpoint in its thread
 * locals, and 50,000 of them cost start-up time and heap.
 */
final class MacKeys {
    private final SecretKeySpec[] keys;
    private final int length;
    private final ThreadLocal<State> state;

    private MacKeys(SignatureAlgorithm algorithm, SecretKeySpec[] keys) {
        this.keys = keys;
        this.state = ThreadLocal.withInitial(() -> new State(algorithm.jcaName(), this.keys));
        this.length = digestLength(algorithm);
    }

    /** The digest length of an HMAC algorithm, in bytes. */
    private static int digestLength(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> 20;
            case SHA256 -> 32;
            case SHA512 -> 64;
            default -> throw new IllegalArgumentException(algorithm.configName() + " is not an HMAC");
        };
    }

    /** @throws IllegalArgumentException when there is no key or a key is empty */
    static MacKeys of(SignatureAlgorithm algorithm, List<byte[]> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("signature.secrets: at least one secret is required");
        }
        SecretKeySpec[] keys = new SecretKeySpec[secrets.size()];
        for (int i = 0; i < keys.length; i++) {
            if (secrets.get(i).length == 0) {
                throw new IllegalArgumentException("signature.secrets[" + i + "] is empty");
            }
            keys[i] = new SecretKeySpec(secrets.get(i), algorithm.jcaName());
        }
        return new MacKeys(algorithm, keys);
    }

    /** How many secrets there are. */
    int size() {
        return keys.length;
    }

    /** The digest length in bytes. */
    int length() {
        return length;
    }

    /**
     * Every key's MAC of {@code segments}, one after the other. The arrays belong to the calling
     * thread and are overwritten by its next call.
     */
    byte[][] digests(List<byte[]> segments) {
        State current = state.get();
        for (int i = 0; i < keys.length; i++) {
            Mac mac = current.macs[i];
            for (int s = 0; s < segments.size(); s++) {
                mac.update(segments.get(s));
            }
            try {
                mac.doFinal(current.digests[i], 0);
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return current.digests;
    }

    /** Whether {@code candidate} equals one of {@code digests}, each compared in constant time. */
    static boolean matches(byte[] candidate, byte[][] digests) {
        boolean match = false;
        for (byte[] digest : digests) {
            match |= ConstantTime.equals(candidate, digest);
        }
        return match;
    }

    /** Whether any of {@code candidates} (a header may carry several signatures) equals one of {@code digests}. */
    static boolean matchesAny(List<byte[]> candidates, byte[][] digests) {
        for (byte[] candidate : candidates) {
            if (matches(candidate, digests)) {
                return true;
            }
        }
        return false;
    }

    private static final class State {
        final Mac[] macs;
        final byte[][] digests;

        State(String algorithm, SecretKeySpec[] keys) {
            macs = new Mac[keys.length];
            digests = new byte[keys.length][];
            try {
                for (int i = 0; i < keys.length; i++) {
                    macs[i] = Mac.getInstance(algorithm);
                    macs[i].init(keys[i]);
                    digests[i] = new byte[macs[i].getMacLength()];
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " is not available", e);
            }
        }
    }
}
