package dev.inlet.redis;

import java.nio.charset.StandardCharsets;

/**
 * Redis Cluster's key-to-slot function, as its specification defines it: CRC16 (XMODEM) of the key,
 * or of its hash tag (the text between the first {@code {} and the next {@code }}, when not empty),
 * modulo 16384. Keys with the same hash tag live in the same slot, so one script may use them all.
 */
public final class HashSlots {
    public static final int SLOTS = 16384;

    private HashSlots() {}

    /** The slot of a key. */
    public static int slot(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int end = bytes.length;
        int open = indexOf(bytes, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(bytes, (byte) '}', open + 1);
            if (close > open + 1) {
                start = open + 1;
                end = close;
            }
        }
        return crc16(bytes, start, end) & (SLOTS - 1);
    }

    /** Whether a key holds a hash tag that decides its slot. */
    public static boolean hasHashTag(String key) {
        int open = key.indexOf('{');
        return open >= 0 && key.indexOf('}', open + 1) > open + 1;
    }

    /** CRC16-CCITT (XMODEM): polynomial 0x1021, initial value 0, as Redis Cluster uses it. */
    static int crc16(byte[] bytes, int start, int end) {
        int crc = 0;
        for (int i = start; i < end; i++) {
            crc ^= (bytes[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
