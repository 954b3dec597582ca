package dev.inlet.config;

/** HMAC digests accepted for signatures. */
public enum HmacAlgorithm {
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512");

    private final String jcaName;

    HmacAlgorithm(String jcaName) {
        this.jcaName = jcaName;
    }

    public String jcaName() {
        return jcaName;
    }
}
