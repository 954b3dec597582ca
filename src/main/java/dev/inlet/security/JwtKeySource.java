package dev.inlet.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import java.time.Duration;
import java.util.Set;

/**
 * The keys a {@link JwtVerifier} uses now: fixed for a secret or PEM, or a JWK set that is
 * re-read when a token names an unknown {@code kid}, no more often than the refresh interval.
 * A failed re-read keeps the previous keys.
 */
final class JwtKeySource {
    private final Vertx vertx;
    private final JwksSource jwks;
    private final JWTOptions options;
    private final long refreshNanos;
    private volatile JwtKeys current;
    private long loadedAt;
    private Future<JwtKeys> refreshing;

    private JwtKeySource(Vertx vertx, JwksSource jwks, JWTOptions options, Duration refreshInterval, JwtKeys keys) {
        this.vertx = vertx;
        this.jwks = jwks;
        this.options = options;
        this.refreshNanos = refreshInterval.toNanos();
        this.current = keys;
        this.loadedAt = System.nanoTime();
    }

    static JwtKeySource fixed(JwtKeys keys) {
        return new JwtKeySource(null, null, null, Duration.ZERO, keys);
    }

    static Future<JwtKeySource> jwks(Vertx vertx, JwksSource source, JWTOptions options, Duration refreshInterval) {
        return load(vertx, source, options)
                .map(keys -> new JwtKeySource(vertx, source, options, refreshInterval, keys));
    }

    private static Future<JwtKeys> load(Vertx vertx, JwksSource source, JWTOptions options) {
        return source.load()
                .recover(e -> Future.failedFuture("cannot read the JWK set at " + source + ": " + e.getMessage()))
                .map(set -> JwtKeys.jwks(vertx, set, options));
    }

    /** The algorithms a token may name: for a JWK set, every asymmetric one, since a refresh may add keys. */
    Set<String> algorithms() {
        return jwks == null ? current.algorithms() : JwtKeys.ASYMMETRIC;
    }

    /** Whether a token's {@code kid} must name a known key. */
    boolean selectsByKid() {
        return jwks != null;
    }

    /** The keys to verify a token with this {@code kid}, re-reading the JWK set first if the kid is new. */
    Future<JwtKeys> forKid(String kid) {
        JwtKeys keys = current;
        if (jwks == null || kid == null || keys.kids().contains(kid)) {
            return Future.succeededFuture(keys);
        }
        synchronized (this) {
            if (refreshing != null) {
                return refreshing;
            }
            if (System.nanoTime() - loadedAt < refreshNanos) {
                return Future.succeededFuture(current);
            }
            loadedAt = System.nanoTime();
            Future<JwtKeys> next =
                    load(vertx, jwks, options).map(loaded -> current = loaded).otherwise(failure -> current);
            refreshing = next;
            next.onComplete(done -> {
                synchronized (this) {
                    refreshing = null;
                }
            });
            return next;
        }
    }
}
