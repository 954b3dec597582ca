package dev.inlet.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the YAML contract (SPEC "Configuration contract") into {@link InletConfig}, from one file
 * or from a directory of files ({@link ConfigDirectory}). Every problem found is collected and
 * reported at once, one line each, naming the key and the fix. What the actions and conditions of
 * flows and rules mean is not known here: they are checked once per load where they are compiled
 * for the workers (the actions package's {@code Bindings}, which {@code Inlet} runs on start-up
 * and on reload), and refused there in the same one-line form.
 */
public final class ConfigLoader {
    /** Where {@code java -jar inlet.jar} looks first; else the example bundled in the jar. */
    public static final Path DEFAULT_FILE = Path.of("conf", "inlet.yaml");

    public static final String BUNDLED_RESOURCE = "/inlet.yaml";

    /** How deep mappings and lists may nest; a config needs about ten, a hostile file may try more. */
    static final int MAX_NESTING = 1000;

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build());

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /**
     * A file of any size the heap holds: SnakeYAML's default limit of 3 MiB of code points would
     * refuse a config of 100,000 endpoints. What guards against a hostile file is kept: aliases
     * are not expanded (Jackson reads {@code *name} as the text {@code name}, so no "billion
     * laughs"), SnakeYAML's own alias and nesting limits stay at their defaults, and Jackson
     * refuses nesting deeper than {@link #MAX_NESTING}.
     */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    /**
     * Reads {@code path}: a YAML file, or a directory whose {@code *.yaml} and {@code *.yml} files
     * are merged ({@link ConfigDirectory}); a directory's problems name the file they are in.
     */
    public InletConfig load(Path path) {
        return load(path, null);
    }

    /**
     * Reads {@code path} as {@link #load(Path)} does; an endpoint equal to the one with its id in
     * {@code running} (the config in force, on a reload; null for none) is that one, so a reload of
     * 100,000 endpoints holds one copy of the unchanged ones and the copies it read die young.
     */
    public InletConfig load(Path path, InletConfig running) {
        EnvSubstitution substitution = new EnvSubstitution(env);
        if (Files.isDirectory(path)) {
            List<String> problems = new ArrayList<>();
            List<ConfigSections.Part> parts = new ArrayList<>();
            for (Path file : ConfigDirectory.yamlFiles(path)) {
                try {
                    parts.add(filePart(file, substitution));
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return ConfigSections.read(parts, true, running);
        }
        return ConfigSections.read(List.of(filePart(path, substitution)), false, running);
    }

    /**
     * A file read twice: first its mapping sections, its lists skipped (which checks the whole
     * file's syntax), then, when the lists are read, its lists' items, one tree at a time.
     */
    private ConfigSections.Part filePart(Path file, EnvSubstitution substitution) {
        JsonNode head = head(file);
        List<String> problems = new ArrayList<>();
        ConfigNode top = new ConfigNode("", head, problems, substitution);
        return head.isObject()
                ? new ConfigSections.Part(file.toString(), top, problems, sink -> listItems(file, top, sink))
                : new ConfigSections.Part(file.toString(), top, problems);
    }

    /**
     * The file's list sections read again, each item's tree read and handed to {@code sink} on its
     * own; a section that is not a list gets its problem line on {@code top}.
     */
    private static void listItems(Path file, ConfigNode top, Consumer<ConfigSections.ListItem> sink) {
        try (JsonParser p = YAML.createParser(file.toFile())) {
            p.nextToken(); // the top mapping, as head() found it
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (!ConfigSections.LISTS.contains(key)) {
                    p.skipChildren();
                } else if (value != JsonToken.START_ARRAY) {
                    top.over(YAML.createObjectNode().set(key, YAML.readTree(p))).list(key);
                } else {
                    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                        sink.accept(new ConfigSections.ListItem(key, i, top.listItem(key, i, YAML.readTree(p))));
                    }
                }
            }
        } catch (JacksonException e) {
            throw notYaml(file.toString(), e);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read (" + e.getMessage() + ")"));
        }
    }

    /** The file's top mapping without its lists' items (an empty list stands for each), or all of it when it is no mapping. */
    private static JsonNode head(Path file) {
        try (JsonParser p = YAML.createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return first == null ? MissingNode.getInstance() : YAML.readTree(p);
            }
            ObjectNode head = YAML.createObjectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (ConfigSections.LISTS.contains(key)) {
                    p.skipChildren();
                    head.putArray(key);
                } else {
                    head.set(key, YAML.readTree(p));
                }
            }
            return head;
        } catch (JacksonException e) {
            throw notYaml(file.toString(), e);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read (" + e.getMessage() + ")"));
        }
    }

    public InletConfig loadBundled() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new ConfigException(
                        List.of("the bundled example config " + BUNDLED_RESOURCE + " is missing from the jar"));
            }
            return read(in, "bundled example config");
        } catch (IOException e) {
            throw new ConfigException(List.of("bundled example config: " + e.getMessage()));
        }
    }

    public InletConfig parse(String yaml) {
        return read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config");
    }

    private InletConfig read(InputStream in, String source) {
        return ConfigSections.read(List.of(part(source, tree(in, source))), false, null);
    }

    private ConfigSections.Part part(String source, JsonNode root) {
        List<String> problems = new ArrayList<>();
        return new ConfigSections.Part(source, new ConfigNode("", root, problems, new EnvSubstitution(env)), problems);
    }

    private static JsonNode tree(InputStream in, String source) {
        try {
            return YAML.readTree(in);
        } catch (JacksonException e) {
            throw notYaml(source, e);
        } catch (IOException e) {
            throw new ConfigException(List.of(source + ": cannot read (" + e.getMessage() + ")"));
        }
    }

    private static ConfigException notYaml(String source, JacksonException e) {
        String where =
                e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
        String why = e.getOriginalMessage() == null
                ? ""
                : e.getOriginalMessage().lines().findFirst().orElse("").trim();
        return new ConfigException(List.of(source + ": not valid YAML" + where + " (" + why + ")"));
    }
}
