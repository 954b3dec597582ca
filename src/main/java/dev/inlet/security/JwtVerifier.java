package dev.inlet.security;

import dev.inlet.config.JwtConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Verifies a service's JSON Web Tokens: HS256/384/512 with the shared {@code secret}, RS/PS/ES
 * with a PEM {@code publicKey}, or the keys of a {@code jwksUrl} (re-read when an unknown
 * {@code kid} arrives, at most once per 30 seconds). Checks the issuer (the service id by default
 * for shared secrets), the audience when configured, and {@code exp}/{@code nbf}/{@code iat} with
 * a leeway (30 s by default). Every refusal is a failed future, never an exception; failure
 * messages never quote the token.
 */
public final class JwtVerifier {
    static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);
    private static final String BEARER = "Bearer ";
    /** A failure message with this many characters in a row of the token is taken to quote it. */
    private static final int QUOTED = 12;

    private final String serviceId;
    private final JwtKeySource keys;

    private JwtVerifier(String serviceId, JwtKeySource keys) {
        this.serviceId = serviceId;
        this.keys = keys;
    }

    /** The verifier of service {@code serviceId}; fails with a message naming the service when the settings are unusable. */
    public static Future<JwtVerifier> create(Vertx vertx, String serviceId, JwtConfig config) {
        return create(vertx, serviceId, config, REFRESH_INTERVAL);
    }

    static Future<JwtVerifier> create(Vertx vertx, String serviceId, JwtConfig config, Duration refreshInterval) {
        String where = "services[" + serviceId + "].jwt";
        try {
            int sources = count(config.secret()) + count(config.publicKey()) + count(config.jwksUrl());
            if (sources != 1) {
                return Future.failedFuture(
                        where + ": " + (sources == 0 ? "no key material" : "more than one key source")
                                + "; set exactly one of secret, publicKey or jwksUrl");
            }
            JWTOptions options = options(serviceId, config);
            Future<JwtKeySource> source;
            if (count(config.secret()) == 1) {
                source = Future.succeededFuture(JwtKeySource.fixed(JwtKeys.secret(vertx, config.secret(), options)));
            } else if (count(config.publicKey()) == 1) {
                source = Future.succeededFuture(
                        JwtKeySource.fixed(JwtKeys.publicKey(vertx, config.publicKey(), options)));
            } else {
                source = JwtKeySource.jwks(vertx, new JwksSource(vertx, config.jwksUrl()), options, refreshInterval);
            }
            return source.recover(e -> Future.failedFuture(where + ": " + e.getMessage()))
                    .map(keys -> new JwtVerifier(serviceId, keys));
        } catch (RuntimeException e) {
            return Future.failedFuture(where + ": " + e.getMessage());
        }
    }

    /**
     * Succeeds when {@code token} (raw, or prefixed {@code Bearer }) is signed by one of the
     * service's keys with an accepted algorithm and its claims pass; fails otherwise.
     */
    public Future<Void> verify(String token) {
        try {
            String raw = token == null ? "" : token.strip();
            if (raw.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                raw = raw.substring(BEARER.length()).strip();
            }
            if (raw.isEmpty()) {
                return refused("no token");
            }
            JwtHeader header = JwtHeader.check(raw, keys.algorithms());
            String checked = raw;
            return keys.forKid(header.kid()).compose(current -> {
                if (header.kid() != null
                        && keys.selectsByKid()
                        && !current.kids().contains(header.kid())) {
                    return refused("unknown kid");
                }
                return current.auth()
                        .authenticate(new TokenCredentials(checked))
                        .<Void>mapEmpty()
                        .recover(e -> refused(reason(e, checked)));
            });
        } catch (RuntimeException e) {
            return refused(reason(e, token));
        }
    }

    private <T> Future<T> refused(String reason) {
        return Future.failedFuture("JWT refused for service " + serviceId + ": " + reason);
    }

    /**
     * The failure's message, cut at 200 characters, for the operator's diagnosis (the sender hears
     * only 7001); a message that quotes any part of {@code token} is replaced by its type, so the
     * token never reaches a log line or a record.
     */
    static String reason(Throwable e, String token) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.length() > 200 ? message.substring(0, 200) : message;
        if (token != null && quotes(message, token)) {
            return e.getClass().getSimpleName() + " (its message quoted the token)";
        }
        return message;
    }

    /** Whether {@code message} holds any 12 characters in a row of {@code token}. */
    private static boolean quotes(String message, String token) {
        for (int i = 0; i + QUOTED <= message.length(); i++) {
            if (token.contains(message.substring(i, i + QUOTED))) {
                return true;
            }
        }
        return false;
    }

    private static JWTOptions options(String serviceId, JwtConfig config) {
        Duration leeway = config.leeway() == null ? DEFAULT_LEEWAY : config.leeway();
        JWTOptions options =
                new JWTOptions().setLeeway((int) Math.max(0, Math.min(leeway.toSeconds(), Integer.MAX_VALUE)));
        String issuer = config.issuer() != null && !config.issuer().isBlank()
                ? config.issuer()
                : count(config.secret()) == 1 ? serviceId : null;
        if (issuer != null) {
            options.setIssuer(issuer);
        }
        if (config.audience() != null && !config.audience().isBlank()) {
            options.setAudience(List.of(config.audience()));
        }
        return options;
    }

    private static int count(String value) {
        return value == null || value.isBlank() ? 0 : 1;
    }

    /** The algorithms this verifier accepts, for tests and diagnostics. */
    Set<String> algorithms() {
        return keys.algorithms();
    }
}
