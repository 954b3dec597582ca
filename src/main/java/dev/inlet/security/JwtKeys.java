package dev.inlet.security;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One generation of a service's verification keys: a vertx-auth-jwt provider that always holds
 * at least one key (a provider without keys accepts unsigned tokens), the algorithms it accepts
 * and the key ids it knows.
 */
record JwtKeys(JWTAuth auth, Set<String> algorithms, Set<String> kids) {
    static final Set<String> HMAC = Set.of("HS256", "HS384", "HS512");
    static final Set<String> RSA = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
    static final Set<String> ASYMMETRIC =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    /** HS256, HS384 and HS512, all keyed by the same shared secret. */
    static JwtKeys secret(Vertx vertx, String secret, JWTOptions options) {
        JWTAuthOptions auth = new JWTAuthOptions().setJWTOptions(options);
        for (String algorithm : HMAC) {
            auth.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(secret));
        }
        return new JwtKeys(JWTAuth.create(vertx, auth), HMAC, Set.of());
    }

    /**
     * The algorithms a PEM public key (or certificate) can verify: RS and PS for RSA, the one ES
     * matching an EC key's curve.
     *
     * @throws IllegalArgumentException when the PEM is not an RSA or EC public key
     */
    static JwtKeys publicKey(Vertx vertx, String pem, JWTOptions options) {
        Set<String> algorithms = algorithmsOf(parsePem(pem));
        JWTAuthOptions auth = new JWTAuthOptions().setJWTOptions(options);
        for (String algorithm : algorithms) {
            auth.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(pem.strip()));
        }
        return new JwtKeys(JWTAuth.create(vertx, auth), algorithms, Set.of());
    }

    /**
     * The RSA and EC signing keys of a JWK set; other keys (symmetric, encryption) are left out so
     * a published key set can never enable HS algorithms.
     *
     * @throws IllegalArgumentException when the set holds no usable key
     */
    static JwtKeys jwks(Vertx vertx, JsonObject set, JWTOptions options) {
        Object keys = set.getValue("keys");
        if (!(keys instanceof JsonArray)) {
            throw new IllegalArgumentException("not a JWK set: no \"keys\" array");
        }
        JWTAuthOptions auth = new JWTAuthOptions().setJWTOptions(options);
        Set<String> algorithms = new HashSet<>();
        Set<String> kids = new HashSet<>();
        for (Object entry : (JsonArray) keys) {
            if (!(entry instanceof JsonObject)) {
                continue;
            }
            JsonObject jwk = ((JsonObject) entry).copy();
            String algorithm = algorithmOf(jwk);
            if (algorithm == null || "enc".equals(jwk.getValue("use"))) {
                continue;
            }
            jwk.put("alg", algorithm);
            auth.addJwk(jwk);
            algorithms.add(algorithm);
            if (jwk.getValue("kid") instanceof String) {
                kids.add(jwk.getString("kid"));
            }
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("the JWK set has no RSA or EC signing key");
        }
        return new JwtKeys(JWTAuth.create(vertx, auth), Set.copyOf(algorithms), Set.copyOf(kids));
    }

    private static String algorithmOf(JsonObject jwk) {
        Object kty = jwk.getValue("kty");
        Object alg = jwk.getValue("alg");
        if ("RSA".equals(kty)) {
            return alg == null ? "RS256" : RSA.contains(alg) ? (String) alg : null;
        }
        if ("EC".equals(kty)) {
            String expected = curveAlgorithm(jwk.getValue("crv"));
            return expected != null && (alg == null || expected.equals(alg)) ? expected : null;
        }
        return null;
    }

    private static String curveAlgorithm(Object crv) {
        if ("P-256".equals(crv)) {
            return "ES256";
        }
        if ("P-384".equals(crv)) {
            return "ES384";
        }
        return "P-521".equals(crv) ? "ES512" : null;
    }

    private static Set<String> algorithmsOf(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return RSA;
        }
        if (key instanceof ECPublicKey) {
            int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
            String algorithm = bits == 256 ? "ES256" : bits == 384 ? "ES384" : bits == 521 ? "ES512" : null;
            if (algorithm != null) {
                return Set.of(algorithm);
            }
        }
        throw new IllegalArgumentException("not an RSA or P-256/P-384/P-521 EC public key");
    }

    private static PublicKey parsePem(String pem) {
        String text = pem == null ? "" : pem.strip();
        try {
            if (text.startsWith("-----BEGIN CERTIFICATE-----")) {
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
                        .getPublicKey();
            }
            String begin = "-----BEGIN PUBLIC KEY-----";
            String end = "-----END PUBLIC KEY-----";
            if (!text.startsWith(begin) || !text.endsWith(end)) {
                throw new IllegalArgumentException("expected a PEM \"PUBLIC KEY\" or \"CERTIFICATE\"");
            }
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin.length(), text.length() - end.length()));
            for (String type : List.of("RSA", "EC")) {
                try {
                    return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
                } catch (java.security.spec.InvalidKeySpecException otherType) {
                    // try the next key type
                }
            }
            throw new IllegalArgumentException("not an RSA or EC public key");
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw e instanceof IllegalArgumentException
                    ? (IllegalArgumentException) e
                    : new IllegalArgumentException("unreadable public key");
        }
    }
}
