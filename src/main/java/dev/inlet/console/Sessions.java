package dev.inlet.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The console's sign-ins, in this process's memory only (a restart signs everyone out; a reload of
 * the config keeps them): each a random 256-bit id (the cookie) and a random CSRF token, expiring
 * {@link #TTL_MILLIS} after sign-in. At most {@link #MAX} at once: a sign-in past it drops the
 * expired ones, then the one expiring first. Keys are the ids' SHA-256, so how long a lookup takes
 * says nothing of the ids held. Thread-safe: every event loop shares it.
 */
final class Sessions {
    static final long TTL_MILLIS = 8 * 3600_000L;
    static final int MAX = 1024;

    /** One sign-in. */
    record Session(String id, String csrf, long expiresAt) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byHash = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    Sessions(LongSupplier clock) {
        this.clock = clock;
    }

    /** A new session, expiring {@link #TTL_MILLIS} from now. */
    Session open() {
        long now = clock.getAsLong();
        if (byHash.size() >= MAX) {
            byHash.values().removeIf(s -> s.expiresAt() <= now);
            while (byHash.size() >= MAX) {
                byHash.values().stream()
                        .min(Comparator.comparingLong(Session::expiresAt))
                        .ifPresent(s -> byHash.remove(hash(s.id())));
            }
        }
        Session s = new Session(randomToken(), randomToken(), now + TTL_MILLIS);
        byHash.put(hash(s.id()), s);
        return s;
    }

    /** The live session of cookie value {@code id}; null when there is none or it expired. */
    Session find(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return null;
        }
        String key = hash(id);
        Session s = byHash.get(key);
        if (s != null && s.expiresAt() <= clock.getAsLong()) {
            byHash.remove(key, s);
            return null;
        }
        return s;
    }

    void close(Session s) {
        byHash.remove(hash(s.id()), s);
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
