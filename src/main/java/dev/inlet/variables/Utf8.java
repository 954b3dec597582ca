package dev.inlet.variables;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF. */
final class Utf8 {

    private Utf8() {}

    /**
     * The length (1 to 4) of the well-formed sequence starting at {@code i}, or -1 when the bytes
     * there are not one: a stray continuation byte, an overlong form, an encoded surrogate, a code
     * point past U+10FFFF, or a sequence cut short by the end of the array.
     */
    static int sequenceLength(byte[] bytes, int i) {
        int b = bytes[i];
        if (b >= 0) {
            return 1;
        }
        int lead = b & 0xff;
        int length;
        int min;
        int max = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
            min = 0x80;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            min = lead == 0xe0 ? 0xa0 : 0x80;
            max = lead == 0xed ? 0x9f : 0xbf;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            min = lead == 0xf0 ? 0x90 : 0x80;
            max = lead == 0xf4 ? 0x8f : 0xbf;
        } else {
            return -1;
        }
        if (i + length > bytes.length) {
            return -1;
        }
        int second = bytes[i + 1] & 0xff;
        if (second < min || second > max) {
            return -1;
        }
        for (int k = 2; k < length; k++) {
            if ((bytes[i + k] & 0xc0) != 0x80) {
                return -1;
            }
        }
        return length;
    }

    /**
     * The decoder state after byte {@code b} (0 to 255) in {@code state}, for bytes that do not sit
     * side by side (percent escapes): 0 between characters, else the continuation bytes still
     * expected and the range the next must fall in; -1 when {@code b} cannot come there. A value is
     * well-formed when the state is 0 at its end.
     */
    static int next(int state, int b) {
        if (state == 0) {
            if (b < 0x80) {
                return 0;
            }
            if (b >= 0xc2 && b <= 0xdf) {
                return expect(1, 0x80, 0xbf);
            }
            if (b >= 0xe0 && b <= 0xef) {
                return expect(2, b == 0xe0 ? 0xa0 : 0x80, b == 0xed ? 0x9f : 0xbf);
            }
            if (b >= 0xf0 && b <= 0xf4) {
                return expect(3, b == 0xf0 ? 0x90 : 0x80, b == 0xf4 ? 0x8f : 0xbf);
            }
            return -1;
        }
        if (b < (state >> 8 & 0xff) || b > (state >> 16 & 0xff)) {
            return -1;
        }
        int left = (state & 0xff) - 1;
        return left == 0 ? 0 : expect(left, 0x80, 0xbf);
    }

    /** The UTF-16 chars of the character a lead byte starts, read in state 0: 2 for four-byte sequences. */
    static int chars(int lead) {
        return lead >= 0xf0 ? 2 : 1;
    }

    private static int expect(int left, int min, int max) {
        return left | min << 8 | max << 16;
    }
}
