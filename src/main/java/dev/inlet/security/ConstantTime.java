package dev.inlet.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Comparison of secrets whose running time does not depend on where the inputs first differ, so
 * a sender cannot guess a secret byte by byte from response times. Null equals only null.
 */
public final class ConstantTime {
    private ConstantTime() {}

    /** Whether both arrays hold the same bytes, compared in constant time. */
    public static boolean equals(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        return MessageDigest.isEqual(a, b);
    }

    /** Whether both strings have the same UTF-8 bytes, compared in constant time. */
    public static boolean equals(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
