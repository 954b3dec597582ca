package dev.inlet.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Log lines cannot be forged: every control character of a message or an exception message is escaped. */
class LogTextTest {

    @Test
    void everyControlCharacterBecomesAVisibleEscape() {
        assertThat(LogText.escape("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
        assertThat(LogText.escape("\u001b[31mred\u0000\u007f\u0085\u009b\u2028\u2029\u000b\u000c"))
                .isEqualTo("\\u001b[31mred\\u0000\\u007f\\u0085\\u009b\\u2028\\u2029\\u000b\\u000c");
        String clean = "order 42 queued, ünïcödé and 日本 stay";
        assertThat(LogText.escape(clean)).isSameAs(clean);
        assertThat(LogText.escape(null)).isNull();
    }

    @Property
    void noEscapedTextHoldsAControlCharacter(@ForAll String text) {
        String escaped = LogText.escape(text);
        assertThat(escaped.chars().noneMatch(c -> LogText.isControl((char) c))).isTrue();
        if (text.chars().noneMatch(c -> LogText.isControl((char) c))) {
            assertThat(escaped).isEqualTo(text);
        }
    }

    @Test
    void theTextLayoutOfTheJarEscapesMessagesAndExceptionMessages() throws JoranException {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        InputStream config = LogText.class.getClassLoader().getResourceAsStream("logback.xml");
        configurator.doConfigure(config);
        @SuppressWarnings("unchecked")
        Encoder<ch.qos.logback.classic.spi.ILoggingEvent> encoder = ((OutputStreamAppender<
                                ch.qos.logback.classic.spi.ILoggingEvent>)
                        context.getLogger("ROOT").getAppender("STDOUT"))
                .getEncoder();

        LoggingEvent event = new LoggingEvent(
                "dev.inlet.Test",
                context.getLogger("dev.inlet.Test"),
                Level.ERROR,
                "order {} failed",
                new IllegalArgumentException(
                        "URI contains illegal characters: /x\n12:00:00.000 INFO  forged",
                        new IllegalStateException("cause\u2028forged")),
                new Object[] {"7\n12:00:00.000 INFO  [main] dev.inlet.Inlet - forged line\u001b[2J"});
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).contains("order 7\\n12:00:00.000 INFO  [main] dev.inlet.Inlet - forged line\\u001b[2J");
        assertThat(line).contains("URI contains illegal characters: /x\\n12:00:00.000 INFO  forged");
        assertThat(line).contains("cause\\u2028forged");
        // Only the stack trace's own lines start a line; none of them is one of the forged texts.
        assertThat(line.lines()).noneMatch(l -> l.contains("forged") && !l.contains("\\"));
        assertThat(line).doesNotContain("\u001b").doesNotContain("\u2028");
        context.stop();
    }
}
