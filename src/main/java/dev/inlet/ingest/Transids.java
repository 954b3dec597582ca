package dev.inlet.ingest;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Transaction ids: UUID version 7 (48-bit Unix ms time, then random bits), so ids sort by arrival
 * and carry no information an attacker could use. Not a secret: ThreadLocalRandom is enough.
 */
public final class Transids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Transids() {}

    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] out = new char[36];
        int p = 0;
        for (int i = 0; i < 32; i++) {
            long word = i < 16 ? msb : lsb;
            int shift = 60 - (i % 16) * 4;
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                out[p++] = '-';
            }
            out[p++] = HEX[(int) ((word >>> shift) & 0xF)];
        }
        return new String(out);
    }
}
