package dev.inlet.variables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** The UTF-8 escaper writes exactly the bytes of the char escaper's output. */
class JsonTextProperties {

    private static byte[] viaStringBuilder(String value) {
        StringBuilder out = new StringBuilder();
        JsonText.escape(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] escapeUtf8(String value, boolean lowerCase) {
        byte[] out = new byte[3 + value.length() * JsonText.MAX_BYTES_PER_CHAR];
        int end = JsonText.escapeUtf8(value, lowerCase, out, 3);
        byte[] written = new byte[end - 3];
        System.arraycopy(out, 3, written, 0, written.length);
        return written;
    }

    @Property(tries = 2000)
    void anyTextGivesTheBytesOfItsEscapedString(@ForAll @StringLength(max = 40) String value) {
        assertThat(escapeUtf8(value, false)).isEqualTo(viaStringBuilder(value));
    }

    @Property(tries = 2000)
    void latin1TextLowerCasedGivesTheBytesOfTheLowerCasedEscapedString(
            @ForAll @StringLength(max = 40) @CharRange(from = 0, to = 0xFF) String value) {
        assertThat(escapeUtf8(value, true)).isEqualTo(viaStringBuilder(value.toLowerCase(Locale.ROOT)));
    }

    @Property(tries = 200)
    void surrogatePairsAndLoneSurrogatesAreEncodedAsStringGetBytesDoes(
            @ForAll @StringLength(max = 10) @CharRange(from = 0xD700, to = 0xE000) String value) {
        assertThat(escapeUtf8(value, false)).isEqualTo(viaStringBuilder(value));
    }
}
