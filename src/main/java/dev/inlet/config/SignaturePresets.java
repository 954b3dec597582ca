package dev.inlet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers Inlet knows by name: each a {@link SignatureDeclaration} in the resource
 * {@value #RESOURCE}, written in the declaration keys of {@code scheme: custom} and read by the same
 * code ({@link SignatureSection#declaration}). A new provider is a new entry there and its vector in
 * the tests, not a class. Read once; a resource that does not read is a build error, found by the
 * tests.
 */
public final class SignaturePresets {
    static final String RESOURCE = "/dev/inlet/config/signature-presets.yaml";

    private static final Map<String, SignatureDeclaration> PRESETS = load();

    private SignaturePresets() {}

    /** The preset of that name; null when there is none. */
    public static SignatureDeclaration find(String name) {
        return PRESETS.get(name);
    }

    /** Every preset's name, in the resource's order. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    private static Map<String, SignatureDeclaration> load() {
        JsonNode root;
        try (InputStream in = SignaturePresets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " cannot be read", e);
        }
        List<String> problems = new ArrayList<>();
        EnvSubstitution none = new EnvSubstitution(Map.of());
        Map<String, SignatureDeclaration> presets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ConfigNode node = new ConfigNode(entry.getKey(), entry.getValue(), problems, none);
            presets.put(entry.getKey(), SignatureSection.declaration(node, true));
            node.rejectUnknown();
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": " + String.join("; ", problems));
        }
        return Collections.unmodifiableMap(presets);
    }
}
