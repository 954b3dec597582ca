package dev.inlet.security;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Key pairs generated once per test run, PEM encoding, and token signing by vertx-auth-jwt or by hand. */
final class JwtFixtures {
    static final KeyPair RSA_1 = generate("RSA", null);
    static final KeyPair RSA_2 = generate("RSA", null);
    static final KeyPair EC_256 = generate("EC", "secp256r1");

    private JwtFixtures() {}

    static String publicPem(KeyPair pair) {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** A token signed by vertx-auth-jwt with {@code pair}'s private key (or the HMAC {@code secret}). */
    static String sign(Vertx vertx, String algorithm, String secretOrPrivatePem, String kid, JsonObject claims) {
        PubSecKeyOptions key = new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(secretOrPrivatePem);
        if (kid != null) {
            key.setId(kid);
        }
        JWTAuth auth = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key));
        return auth.generateToken(
                claims, new JWTOptions().setAlgorithm(algorithm).setNoTimestamp(true));
    }

    /** A token assembled by hand, HMAC-SHA256-signed with {@code hmacKey} (or unsigned when null). */
    static String hand(String header, String payload, byte[] hmacKey) {
        String signingInput =
                b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        if (hmacKey == null) {
            return signingInput + ".";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            return signingInput + "." + b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The public JWK of an RSA key pair. */
    static JsonObject rsaJwk(KeyPair pair, String kid) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        return new JsonObject()
                .put("kty", "RSA")
                .put("kid", kid)
                .put("use", "sig")
                .put("alg", "RS256")
                .put("n", b64(unsigned(key.getModulus())))
                .put("e", b64(unsigned(key.getPublicExponent())));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair generate(String algorithm, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve == null) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec(curve));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
