package dev.inlet.security;

import dev.inlet.config.SignatureEncoding;
import java.util.Base64;

/**
 * Decoding hex and base64 signatures: returns null instead of throwing, and refuses wrong lengths
 * before work. Inlet only reads signatures; the tests' {@code Signatures} writes them.
 */
final class Codec {
    private Codec() {}

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

    /** The bytes of {@code text[from..to)} as standard base64 (padding optional), exactly {@code length} bytes long; else null. */
    static byte[] base64(String text, int from, int to, int length) {
        int chars = to - from;
        int padded = 4 * ((length + 2) / 3);
        if (chars > padded || chars < (4 * length + 2) / 3) {
            return null;
        }
        try {
            byte[] out = Base64.getDecoder().decode(text.substring(from, to));
            return out.length == length ? out : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    static byte[] decode(SignatureEncoding encoding, String text, int from, int to, int length) {
        return encoding == SignatureEncoding.HEX ? hex(text, from, to, length) : base64(text, from, to, length);
    }
}
