package dev.inlet.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's files keep to the CSP and to the rule that data is text: no inline script or
 * style, no event-handler attributes, nothing from another origin, and no code that parses data
 * as HTML or as code.
 */
class ConsolePagesTest {
    static final Path DIR = Path.of("src", "main", "resources", "console");

    @Test
    void theHtmlHasNoInlineScriptStyleOrHandlerAndLoadsNothingFromOutside() throws IOException {
        String html = Files.readString(DIR.resolve("index.html"));
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>")
                        .matcher(html)
                        .find())
                .as("inline <script>")
                .isFalse();
        assertThat(html).doesNotContain("<style").doesNotContain(" style=").doesNotContain("javascript:");
        assertThat(Pattern.compile("\\son[a-z]+\\s*=").matcher(html).find())
                .as("an on…= handler attribute")
                .isFalse();
        assertThat(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find())
                .as("a file from another origin")
                .isFalse();
    }

    @Test
    void theScriptsNeverTurnDataIntoHtmlOrCode() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(DIR)) {
            scripts = files.filter(p -> p.toString().endsWith(".js")).toList();
        }
        assertThat(scripts).isNotEmpty();
        for (Path script : scripts) {
            // The SVG namespace is a name, not a place anything is loaded from.
            String js = Files.readString(script).replace("'http://www.w3.org/2000/svg'", "");
            for (String banned : List.of(
                    "innerHTML",
                    "outerHTML",
                    "insertAdjacentHTML",
                    "document.write",
                    "eval(",
                    "new Function",
                    "setAttribute('style'",
                    "setAttribute('href'",
                    "http://",
                    "https://")) {
                assertThat(js).as(script + " holds " + banned).doesNotContain(banned);
            }
        }
    }
}
