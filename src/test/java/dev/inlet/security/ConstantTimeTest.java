package dev.inlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {
    @Test
    void comparesBytesAndStrings() {
        assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
        assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1})).isFalse();
        assertThat(ConstantTime.equals("s3cr\u00e9t", "s3cr\u00e9t")).isTrue();
        assertThat(ConstantTime.equals("secret", "Secret")).isFalse();
        assertThat(ConstantTime.equals("", "")).isTrue();
    }

    @Test
    void nullEqualsOnlyNull() {
        assertThat(ConstantTime.equals((String) null, null)).isTrue();
        assertThat(ConstantTime.equals(null, "")).isFalse();
        assertThat(ConstantTime.equals(new byte[0], null)).isFalse();
    }
}
