package dev.inlet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.bench.ScaleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config DIR}: a directory's YAML files read as one config; and a single file of any size. */
class ConfigDirectoryTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("SHOP_KEY", "k1"));

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private List<String> problems() {
        try {
            LOADER.load(dir);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the directory to be refused");
    }

    private static <T> List<String> ids(List<T> records, java.util.function.Function<T, String> id) {
        return records.stream().map(id).toList();
    }

    @Test
    void theFilesMergeInNameOrderTheirListsConcatenatedAndReferencesCrossFiles() throws IOException {
        write(
                "20-shop.yml",
                """
                services: [ { id: shop, keys: ["${SHOP_KEY}"] } ]
                endpoints:
                  - { id: shop-orders, service: shop, flows: [log-it], rules: [big] }
                rules:
                  - { id: big, when: "$data.total > 100", actions: [ { action: log, message: big } ] }
                """);
        write(
                "10-base.yaml",
                """
                server: { port: 9999 }
                redis: { url: "redis://127.0.0.1:1", stream: "s" }
                services: [ { id: base, keys: [b] } ]
                endpoints: [ { id: base-in, service: base } ]
                flows:
                  - { id: log-it, steps: [ { action: log, message: hello } ] }
                """);
        write(
                "30-more.yaml",
                """
                endpoints: [ { id: more-in, service: base, flows: [log-it] } ]
                flows:
                  - { id: second, steps: [ { action: log, message: two } ] }
                """);
        InletConfig c = LOADER.load(dir);
        assertThat(c.server().port()).isEqualTo(9999);
        assertThat(c.redis().stream()).isEqualTo("s");
        assertThat(ids(c.services(), ServiceConfig::id)).containsExactly("base", "shop");
        assertThat(ids(c.endpoints(), EndpointConfig::id)).containsExactly("base-in", "shop-orders", "more-in");
        assertThat(ids(c.flows(), FlowConfig::id)).containsExactly("log-it", "second");
        assertThat(ids(c.rules(), RuleConfig::id)).containsExactly("big");
        assertThat(c.service("shop").orElseThrow().keys())
                .as("the environment is substituted in every file")
                .containsExactly("k1");
    }

    @Test
    void onlyYamlFilesDirectlyInTheDirectoryAreRead() throws IOException {
        write("inlet.yaml", "services: [ { id: s, keys: [k] } ]\n");
        write("README.md", "not: [ yaml");
        write("inlet.yaml.bak", "not: [ yaml");
        write("inlet.yaml~", "not: [ yaml");
        write(".inlet.yaml.swp", "not: [ yaml");
        write(".hidden.yaml", "not: [ yaml");
        Files.createDirectories(dir.resolve("old.yaml"));
        Files.writeString(dir.resolve("old.yaml").resolve("inlet.yaml"), "not: [ yaml");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub").resolve("more.yaml"), "services: [ { id: t, keys: [k] } ]\n");
        assertThat(ids(LOADER.load(dir).services(), ServiceConfig::id)).containsExactly("s");
    }

    @Test
    void aListSectionThatIsNoListAndABadItemAreNamedWithTheirFileAsInOneFile() throws IOException {
        write("a.yaml", "services: [ { id: s, keys: [k] } ]\nendpoints: { id: e, service: s }\n");
        Path b = write("b.yaml", "endpoints:\n  - { id: ok, service: s }\n  - { id: bad, service: nope }\n  - \n");
        assertThat(problems())
                .contains(
                        dir.resolve("a.yaml") + ": endpoints: must be a list",
                        b + ": endpoints[1].service: \"nope\" is not a service id under services",
                        b + ": endpoints[2].id: is required");
    }

    @Test
    void aMappingSectionSetInTwoFilesIsRefusedNamingBoth() throws IOException {
        Path a = write("a.yaml", "server: { port: 1234 }\nworkers: { instances: 0 }\n");
        Path b = write("b.yaml", "server: { host: 127.0.0.1 }\nredis: { stream: s }\n");
        Path c = write("c.yaml", "redis: { stream: t }\n");
        assertThat(problems())
                .containsExactly(
                        b + ": server: is also set in " + a
                                + "; a section that is a mapping is set in one file only (move all of server into"
                                + " one of them)",
                        c + ": redis: is also set in " + b
                                + "; a section that is a mapping is set in one file only (move all of redis into"
                                + " one of them)");
    }

    @Test
    void anIdInTwoFilesIsRefusedNamingBothFilesAndTheId() throws IOException {
        Path a = write(
                "a.yaml",
                """
                services: [ { id: s, keys: [k] } ]
                endpoints: [ { id: e1, service: s }, { id: e2, service: s } ]
                flows: [ { id: f, steps: [ { action: log, message: m } ] } ]
                rules: [ { id: r, when: "true", actions: [ { action: log, message: m } ] } ]
                """);
        Path b = write(
                "b.yaml",
                """
                services: [ { id: s, keys: [k] } ]
                endpoints: [ { id: e3, service: s }, { id: e2, service: s } ]
                flows: [ { id: f, steps: [ { action: log, message: m } ] } ]
                rules: [ { id: r, when: "true", actions: [ { action: log, message: m } ] } ]
                """);
        assertThat(problems())
                .containsExactly(
                        b + ": services[0].id: \"s\" is also the id of services[0] in " + a
                                + "; ids must be unique across the files",
                        b + ": endpoints[1].id: \"e2\" is also the id of endpoints[1] in " + a
                                + "; ids must be unique across the files",
                        b + ": flows[0].id: \"f\" is also the id of flows[0] in " + a
                                + "; ids must be unique across the files",
                        b + ": rules[0].id: \"r\" is also the id of rules[0] in " + a
                                + "; ids must be unique across the files");
    }

    @Test
    void anIdTwiceInOneFileKeepsItsOneFileLineAndEveryLineNamesItsFile() throws IOException {
        write("a.yaml", "services: [ { id: s, keys: [k] } ]\n");
        Path b = write(
                "b.yaml",
                """
                endpoints: [ { id: e, service: s }, { id: e, service: nobody }, { id: f, service: s, tyop: 1 } ]
                """);
        assertThat(problems())
                .containsExactly(
                        b + ": endpoints[2].tyop: unknown key",
                        b + ": endpoints[1].id: \"e\" is used twice; ids must be unique",
                        b + ": endpoints[1].service: \"nobody\" is not a service id under services");
    }

    @Test
    void everyFileThatIsNotYamlIsReportedAtOnce() throws IOException {
        Path a = write("a.yaml", "services: [ { id: broken\n");
        write("b.yaml", "services: [ { id: s, keys: [k] } ]\n");
        Path c = write("c.yml", "endpoints: {\n");
        List<String> problems = problems();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith(a + ": not valid YAML");
        assertThat(problems.get(1)).startsWith(c + ": not valid YAML");
    }

    @Test
    void aDirectoryWithoutYamlFilesIsRefused() throws IOException {
        String expected = dir + ": is a directory without a *.yaml or *.yml file in it; put the config's files"
                + " there, or give --config a file";
        assertThat(problems()).containsExactly(expected);
        write("notes.txt", "server: { port: 1 }\n");
        assertThat(problems()).containsExactly(expected);
    }

    @Test
    void anEmptyFileAmongThemAddsNothing() throws IOException {
        write("a.yaml", "services: [ { id: s, keys: [k] } ]\n");
        write("b.yaml", "# nothing here yet\n");
        assertThat(ids(LOADER.load(dir).services(), ServiceConfig::id)).containsExactly("s");
    }

    @Test
    void aFileOf100kEndpointsAnd1kServicesLoads() {
        Path file = dir.resolve("scale.yaml");
        ScaleConfig.writeFile(file, ScaleConfig.process(8080, "redis://127.0.0.1:6379", "scale"), 100_000, 1_000);
        assertThat(file.toFile().length())
                .as("past SnakeYAML's default limit of 3 MiB of code points")
                .isGreaterThan(8L << 20);
        InletConfig c = new ConfigLoader(Map.of()).load(file);
        assertThat(c.services()).hasSize(1_000);
        assertThat(c.endpoints()).hasSize(100_000);
        assertThat(c.endpoints().stream().filter(e -> e.signature() != null)).hasSize(50_000);
        assertThat(c.endpoints()).allSatisfy(e -> assertThat(e.flows()).containsExactly("log-it"));
        assertThat(c.endpoints().get(1).id()).isEqualTo(ScaleConfig.endpointId(1));
    }

    @Test
    void theSameConfigAsADirectoryLoadsTheSame() {
        String process = ScaleConfig.process(8080, "redis://127.0.0.1:6379", "scale");
        Path file = dir.resolve("one.yaml");
        ScaleConfig.writeFile(file, process, 25_000, 100);
        ScaleConfig.writeDirectory(dir.resolve("conf.d"), process, 25_000, 100);
        ConfigLoader loader = new ConfigLoader(Map.of());
        assertThat(loader.load(dir.resolve("conf.d"))).isEqualTo(loader.load(file));
    }

    @Test
    void aHostileFileStillMeetsTheParsersLimits() {
        assertThatThrownBy(() -> LOADER.parse("a: " + "[".repeat(ConfigLoader.MAX_NESTING + 1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("nesting depth");
        StringBuilder laughs = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 30; i++) {
            String prior = "*a" + (i - 1);
            laughs.append(
                    "a%d: &a%d [%s]\n".formatted(i, i, String.join(", ", java.util.Collections.nCopies(10, prior))));
        }
        assertThatThrownBy(() -> LOADER.parse(laughs.toString()))
                .as("aliases are not expanded: 10^30 items would not fit in any heap")
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a29: unknown key");
    }
}
