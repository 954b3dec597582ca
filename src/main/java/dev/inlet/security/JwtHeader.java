package dev.inlet.security;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * A token's header, checked before vertx-auth-jwt sees the token: shape and size bounds, base64url
 * segments that decode to JSON objects, an {@code alg} the configured key kind allows, numeric
 * time claims, and no header that would carry its own key or demand unknown extensions.
 *
 * @param alg the signing algorithm named by the token
 * @param kid the key id, or null
 */
record JwtHeader(String alg, String kid) {
    static final int MAX_TOKEN_LENGTH = 8192;
    static final int MAX_HEADER_LENGTH = 1024;
    private static final int MAX_KID_LENGTH = 256;
    private static final Set<String> REFUSED_PARAMETERS = Set.of("jku", "jwk", "x5u", "x5c", "crit");
    private static final Set<String> TIME_CLAIMS = Set.of("exp", "nbf", "iat");

    /**
     * @throws IllegalArgumentException with a reason that never quotes the token
     */
    static JwtHeader check(String token, Set<String> algorithms) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            throw new IllegalArgumentException("not three non-empty dot-separated parts");
        }
        if (first > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("header longer than " + MAX_HEADER_LENGTH + " characters");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean base64url =
                    c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!base64url && c != '.') {
                throw new IllegalArgumentException("not base64url");
            }
        }
        JsonObject header = json(token.substring(0, first), "header");
        JsonObject payload = json(token.substring(first + 1, second), "payload");
        Object alg = header.getValue("alg");
        if (!(alg instanceof String) || !algorithms.contains(alg)) {
            throw new IllegalArgumentException("algorithm not accepted for this service's key");
        }
        for (String name : REFUSED_PARAMETERS) {
            if (header.containsKey(name)) {
                throw new IllegalArgumentException("header parameter " + name + " is not accepted");
            }
        }
        Object kid = header.getValue("kid");
        if (kid != null && (!(kid instanceof String) || ((String) kid).length() > MAX_KID_LENGTH)) {
            throw new IllegalArgumentException("kid is not a short string");
        }
        for (String claim : TIME_CLAIMS) {
            Object value = payload.getValue(claim);
            if (value != null && !(value instanceof Number)) {
                throw new IllegalArgumentException(claim + " is not a number");
            }
        }
        return new JwtHeader((String) alg, (String) kid);
    }

    private static JsonObject json(String segment, String part) {
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(part + " is not base64url JSON object");
        }
    }
}
