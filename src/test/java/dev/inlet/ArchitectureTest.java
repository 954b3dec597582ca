package dev.inlet;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape README's "Architecture" section describes, kept so: the packages import each other
 * without a cycle, and no main file grows past about 300 lines without saying why in its javadoc.
 * ({@code config} importing no other Inlet package is {@code config.GroundFloorTest}: it reads the
 * sources, since constants leave no trace in bytecode.)
 */
class ArchitectureTest {
    /** Past this many lines a main file must say why, with these words, in its javadoc. */
    static final int LONG_FILE = 300;

    static final String REASON = "Over 300 lines because";
    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.inlet");
    }

    @Test
    void thePackagesImportEachOtherWithoutACycle() {
        slices().matching("dev.inlet.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void longMainFilesSayWhyInTheirJavadoc() throws IOException {
        List<String> unexplained;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            unexplained = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(ArchitectureTest::longWithoutReason)
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
        assertThat(unexplained)
                .as("main files over " + LONG_FILE + " lines whose javadoc does not say \"" + REASON + " …\"")
                .isEmpty();
    }

    private static boolean longWithoutReason(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.size() > LONG_FILE && lines.stream().noneMatch(l -> l.contains(REASON));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
