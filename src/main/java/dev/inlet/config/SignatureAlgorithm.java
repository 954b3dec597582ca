package dev.inlet.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a signature is made: an HMAC keyed by the secrets, a public-key signature checked with
 * {@code publicKey}, or a plain token that must equal one of the secrets. Names are the config's
 * {@code signature.algorithm} values.
 */
public enum SignatureAlgorithm {
    SHA1("sha1", "HmacSHA1"),
    SHA256("sha256", "HmacSHA256"),
    SHA512("sha512", "HmacSHA512"),
    /** Ed25519 (RFC 8032) over the signed bytes. */
    ED25519("ed25519", "Ed25519"),
    /** ECDSA on P-256 with SHA-256, the signature DER-encoded (ASN.1 SEQUENCE of r and s). */
    ECDSA_P256("ecdsa-p256", "SHA256withECDSA"),
    /** ECDSA on P-256 with SHA-256, the signature as r and s of 32 bytes each (IEEE P1363). */
    ECDSA_P256_RAW("ecdsa-p256-raw", "SHA256withECDSAinP1363Format"),
    /** No cryptography: the value itself must be one of the secrets, compared in constant time. */
    TOKEN("token", null);

    private final String configName;
    private final String jcaName;

    SignatureAlgorithm(String configName, String jcaName) {
        this.configName = configName;
        this.jcaName = jcaName;
    }

    public String configName() {
        return configName;
    }

    /** The JCA name of the MAC or signature algorithm; null for {@link #TOKEN}. */
    public String jcaName() {
        return jcaName;
    }

    public boolean hmac() {
        return this == SHA1 || this == SHA256 || this == SHA512;
    }

    /** Whether it is checked with a public key rather than the secrets. */
    public boolean publicKey() {
        return this == ED25519 || this == ECDSA_P256 || this == ECDSA_P256_RAW;
    }

    /**
     * The algorithm a config value names, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    static SignatureAlgorithm named(String value, boolean hmacOnly) {
        List<String> names = new ArrayList<>();
        for (SignatureAlgorithm a : values()) {
            if (hmacOnly && !a.hmac()) {
                continue;
            }
            if (a.configName.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return a;
            }
            names.add(a.configName);
        }
        throw new IllegalArgumentException("\"" + value + "\" is not one of " + String.join(", ", names));
    }
}
