package dev.inlet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code config/} is the ground floor: every other package may read the configuration, and no
 * file of it names another Inlet package, by import or fully qualified name. Read from the sources
 * (comments left out), because a compiler inlines another class's constants and leaves no trace
 * of them in the bytecode.
 */
class GroundFloorTest {
    private static final Path CONFIG = Path.of("src/main/java/dev/inlet/config");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern OTHER_PACKAGE = Pattern.compile("\\bdev\\.inlet\\.(?!config\\b)[a-z]\\w*");

    @Test
    void configNamesNoOtherInletPackage() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(CONFIG)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String code = COMMENT.matcher(Files.readString(file)).replaceAll(" ");
                Matcher m = OTHER_PACKAGE.matcher(code);
                while (m.find()) {
                    found.add(file.getFileName() + ": " + m.group());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theCheckSeesAnImportAndAFullyQualifiedName() {
        String code = COMMENT.matcher(
                        "import dev.inlet.queue.StreamNames;\n/* dev.inlet.actions */ x = dev.inlet.actions.Bindings.compile();")
                .replaceAll(" ");
        assertThat(OTHER_PACKAGE.matcher(code).results().map(r -> r.group()).toList())
                .containsExactly("dev.inlet.queue", "dev.inlet.actions");
    }
}
