package dev.inlet.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextSearchTest {

    @Test
    void findsWhatStringIndexOfFinds() {
        Random random = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(random, random.nextInt(80));
            String pattern = random.nextInt(4) == 0 && text.length() > 1
                    ? text.substring(
                            random.nextInt(text.length() / 2), text.length() - random.nextInt(text.length() / 2))
                    : randomText(random, random.nextInt(40));
            assertThat(TextSearch.indexOf(text, pattern))
                    .as("\"%s\" in \"%s\"", pattern, text)
                    .isEqualTo(text.indexOf(pattern));
        }
    }

    @Test
    void findsLongPatternsInTheWorstCaseForTheJdk() {
        String text = "a".repeat(1 << 20);
        assertThat(TextSearch.indexOf(text, "a".repeat(1 << 19) + "b")).isEqualTo(-1);
        assertThat(TextSearch.indexOf(text + "b", "a".repeat(1 << 19) + "b")).isEqualTo(1 << 19);
        assertThat(TextSearch.contains(text, "")).isTrue();
    }

    /** Two letters, so patterns longer than the JDK's fast path repeat and overlap. */
    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(5) == 0 ? 'b' : 'a');
        }
        return text.toString();
    }
}
