package dev.inlet.security;

import dev.inlet.config.SignatureEncoding;
import java.util.Base64;

/**
 * Decoding hex, base64 and base64url signatures: returns null instead of throwing, and refuses
 * wrong lengths before work; and encoding the one signature Inlet writes, an operator's test
 * request ({@link SignedSample}).
 */
final class Codec {
    private Codec() {}

    /** {@code bytes} written in {@code encoding} (base64 padded). */
    static String encode(SignatureEncoding encoding, byte[] bytes) {
        return switch (encoding) {
            case HEX -> java.util.HexFormat.of().formatHex(bytes);
            case BASE64 -> Base64.getEncoder().encodeToString(bytes);
            case BASE64URL -> Base64.getUrlEncoder().encodeToString(bytes);
        };
    }

    /** The bytes of {@code text[from..to)} as hex of either case, exactly {@code length} bytes long; else null. */
    static byte[] hex(String text, int from, int to, int length) {
        if (to - from != 2 * length) {
            return null;
        }
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            int high = Character.digit(text.charAt(from + 2 * i), 16);
            int low = Character.digit(text.charAt(from + 2 * i + 1), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            out[i] = (byte) ((high << 4) | low);
        }
        return out;
    }

    /**
     * The bytes of {@code text[from..to)} as base64, standard or URL-safe (padding optional),
     * exactly {@code length} bytes long; else null.
     */
    static byte[] base64(String text, int from, int to, int length, boolean url) {
        int chars = to - from;
        int padded = 4 * ((length + 2) / 3);
        if (chars > padded || chars < (4 * length + 2) / 3) {
            return null;
        }
        try {
            String encoded = text.substring(from, to);
            byte[] out = url
                    ? Base64.getUrlDecoder().decode(encoded)
                    : Base64.getDecoder().decode(encoded);
            return out.length == length ? out : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /**
     * The bytes of {@code text[from..to)} in {@code encoding}, exactly {@code length} bytes long,
     * or, for a negative {@code length}, of any length from 1 to {@code -length}; else null.
     */
    static byte[] decode(SignatureEncoding encoding, String text, int from, int to, int length) {
        if (length < 0) {
            return variable(encoding, text, from, to, -length);
        }
        return switch (encoding) {
            case HEX -> hex(text, from, to, length);
            case BASE64 -> base64(text, from, to, length, false);
            case BASE64URL -> base64(text, from, to, length, true);
        };
    }

    private static byte[] variable(SignatureEncoding encoding, String text, int from, int to, int max) {
        int chars = to - from;
        if (chars < 2) {
            return null;
        }
        if (encoding == SignatureEncoding.HEX) {
            return chars % 2 == 0 && chars <= 2 * max ? hex(text, from, to, chars / 2) : null;
        }
        int unpadded = to;
        while (unpadded > from && text.charAt(unpadded - 1) == '=') {
            unpadded--;
        }
        int length = (unpadded - from) * 3 / 4;
        return length >= 1 && length <= max
                ? base64(text, from, to, length, encoding == SignatureEncoding.BASE64URL)
                : null;
    }
}
