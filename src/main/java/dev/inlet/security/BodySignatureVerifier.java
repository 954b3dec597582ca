package dev.inlet.security;

import dev.inlet.config.SignatureEncoding;
import java.util.function.Function;

/**
 * One header holding an HMAC of the raw body, optionally behind a prefix: the generic scheme,
 * GitHub ({@code sha256=<hex>}) and Shopify (base64).
 */
final class BodySignatureVerifier extends ParsedHeaderVerifier<byte[]> {
    private final MacKeys keys;
    private final SignatureEncoding encoding;
    private final String prefix;

    BodySignatureVerifier(MacKeys keys, String header, SignatureEncoding encoding, String prefix) {
        super(header);
        this.keys = keys;
        this.encoding = encoding;
        this.prefix = prefix;
    }

    /** The signature's bytes: after the prefix, the digest in the encoding at the digest's length. */
    @Override
    byte[] parse(String value, Function<String, String> headers) {
        String stripped = value.strip();
        if (!stripped.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        return Codec.decode(encoding, stripped, prefix.length(), stripped.length(), keys.length());
    }

    @Override
    boolean matches(byte[] candidate, byte[] body) {
        return MacKeys.matches(candidate, keys.digests(null, body));
    }

    @Override
    boolean fresh(byte[] candidate, long nowEpochSeconds) {
        return true;
    }
}
