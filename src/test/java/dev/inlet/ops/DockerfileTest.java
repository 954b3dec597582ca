package dev.inlet.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs on CI's machines, so the Dockerfile is checked for what the image promises:
 * a Maven build stage and a JRE stage, a non-root user, the config volume, a healthcheck on
 * readiness, the jar started with exec (so SIGTERM reaches the JVM), and sources that exist.
 */
class DockerfileTest {
    private static final Path DOCKERFILE = Path.of("Dockerfile");

    @Test
    void theImageIsMultiStageNonRootWithAHealthcheck() throws Exception {
        List<String> lines = Files.readAllLines(DOCKERFILE).stream()
                .map(String::strip)
                .filter(l -> !l.startsWith("#"))
                .toList();
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).startsWith("FROM maven:").endsWith(" AS build");
        assertThat(froms.get(1)).contains("jre");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("RUN mvn").contains("package"));
        assertThat(lines).anySatisfy(l -> assertThat(l).isEqualTo("USER inlet"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("VOLUME").contains("/app/conf"));
        assertThat(String.join("\n", lines)).containsPattern("HEALTHCHECK[^\\n]*\\\\\\n\\s*CMD [^\\n]*/health/ready");
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .startsWith("ENTRYPOINT")
                .contains("exec java")
                .contains("/app/inlet.jar"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("COPY --from=build /src/target/inlet.jar"));
    }

    @Test
    void everyCopiedSourceExists() throws Exception {
        Matcher m = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(Files.readString(DOCKERFILE));
        int copies = 0;
        while (m.find()) {
            copies++;
            assertThat(Path.of(m.group(1))).as("COPY source " + m.group(1)).exists();
        }
        assertThat(copies).isGreaterThanOrEqualTo(3);
        assertThat(Files.readString(Path.of(".dockerignore"))).contains("target/");
    }
}
