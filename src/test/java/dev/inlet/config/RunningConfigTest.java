package dev.inlet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload's read takes each unchanged endpoint from the running config, and reads a changed one anew. */
class RunningConfigTest {
    @TempDir
    Path dir;

    private static String config(String secondFormat) {
        return """
                services: [ { id: s, keys: [k] } ]
                endpoints:
                  - { id: e1, service: s, format: json }
                  - { id: e2, service: s, format: %s }
                """
                .formatted(secondFormat);
    }

    @Test
    void anUnchangedEndpointIsTheRunningOneAndAChangedOneIsNew() throws Exception {
        Path file = dir.resolve("inlet.yaml");
        ConfigLoader loader = new ConfigLoader(Map.of());
        Files.writeString(file, config("json"));
        InletConfig running = loader.load(file);
        Files.writeString(file, config("form"));
        InletConfig next = loader.load(file, running);

        assertThat(next.endpoints().get(0)).isSameAs(running.endpoints().get(0));
        assertThat(next.endpoints().get(1)).isNotSameAs(running.endpoints().get(1));
        assertThat(next.endpoints().get(1).format()).isEqualTo(PayloadFormat.FORM);
        assertThat(loader.load(file).endpoints()).isEqualTo(next.endpoints());
    }
}
