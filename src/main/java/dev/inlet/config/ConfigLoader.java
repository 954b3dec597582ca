package dev.inlet.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the YAML contract (SPEC "Configuration contract") into {@link InletConfig}. Every problem
 * found is collected and reported at once, one line each, naming the key and the fix. What the
 * actions and conditions of flows and rules mean is not known here: they are checked once per
 * load where they are compiled for the workers (the actions package's {@code Bindings}, which
 * {@code Inlet} runs on start-up and on reload), and refused there in the same one-line form.
 */
public final class ConfigLoader {
    /** Where {@code java -jar inlet.jar} looks first; else the example bundled in the jar. */
    public static final Path DEFAULT_FILE = Path.of("conf", "inlet.yaml");

    public static final String BUNDLED_RESOURCE = "/inlet.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    public InletConfig load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
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
            return parse(in, "bundled example config");
        } catch (IOException e) {
            throw new ConfigException(List.of("bundled example config: " + e.getMessage()));
        }
    }

    public InletConfig parse(String yaml) {
        return parse(
                new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "config");
    }

    private InletConfig parse(InputStream in, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JacksonException e) {
            String where =
                    e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            String why = e.getOriginalMessage() == null
                    ? ""
                    : e.getOriginalMessage().lines().findFirst().orElse("").trim();
            throw new ConfigException(List.of(source + ": not valid YAML" + where + " (" + why + ")"));
        } catch (IOException e) {
            throw new ConfigException(List.of(source + ": cannot read (" + e.getMessage() + ")"));
        }
        List<String> problems = new ArrayList<>();
        ConfigNode top = new ConfigNode("", root, problems, new EnvSubstitution(env));
        InletConfig config = read(top);
        top.rejectUnknown();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private InletConfig read(ConfigNode top) {
        ServerConfig server = ProcessSections.server(top.child("server"));
        AdminConfig admin = ProcessSections.admin(top.child("admin"));
        RedisConfig redis = ProcessSections.redis(top.child("redis"));
        WorkersConfig workers = ProcessSections.workers(top.child("workers"));
        List<FlowConfig> flows = new ArrayList<>();
        for (ConfigNode n : top.list("flows")) {
            flows.add(ModelSections.flow(n));
        }
        List<RuleConfig> rules = new ArrayList<>();
        for (ConfigNode n : top.list("rules")) {
            rules.add(ModelSections.rule(n));
        }
        List<ServiceConfig> services = new ArrayList<>();
        for (ConfigNode n : top.list("services")) {
            services.add(ModelSections.service(n));
        }
        List<ConfigNode> endpointNodes = top.list("endpoints");
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (ConfigNode n : endpointNodes) {
            EndpointConfig endpoint = ModelSections.endpoint(n, server.maxBodySize(), server.history());
            if (server.maxBodyMemory() > 0 && endpoint.maxBodySize() > server.maxBodyMemory()) {
                n.problem(
                        "maxBodySize",
                        "is larger than server.maxBodyMemory (" + server.maxBodyMemory()
                                + " bytes): such a body could never be accepted");
            }
            endpoints.add(endpoint);
        }
        unique(top, "services", services.stream().map(ServiceConfig::id).toList());
        unique(top, "endpoints", endpoints.stream().map(EndpointConfig::id).toList());
        unique(top, "flows", flows.stream().map(FlowConfig::id).toList());
        unique(top, "rules", rules.stream().map(RuleConfig::id).toList());
        crossCheck(endpointNodes, endpoints, services, flows, rules);
        return new InletConfig(
                server,
                admin,
                redis,
                workers,
                List.copyOf(services),
                List.copyOf(endpoints),
                List.copyOf(flows),
                List.copyOf(rules));
    }

    private static void unique(ConfigNode top, String section, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id != null && !seen.add(id)) {
                top.problem(section + "[" + i + "].id", "\"" + id + "\" is used twice; ids must be unique");
            }
        }
    }

    private static void crossCheck(
            List<ConfigNode> nodes,
            List<EndpointConfig> endpoints,
            List<ServiceConfig> services,
            List<FlowConfig> flows,
            List<RuleConfig> rules) {
        Set<String> flowIds = new HashSet<>(flows.stream().map(FlowConfig::id).toList());
        Set<String> ruleIds = new HashSet<>(rules.stream().map(RuleConfig::id).toList());
        for (int i = 0; i < endpoints.size(); i++) {
            EndpointConfig e = endpoints.get(i);
            ConfigNode n = nodes.get(i);
            ServiceConfig service = services.stream()
                    .filter(s -> s.id() != null && s.id().equals(e.service()))
                    .findFirst()
                    .orElse(null);
            if (e.service() != null && service == null) {
                n.problem("service", "\"" + e.service() + "\" is not a service id under services");
            }
            if (service != null) {
                boolean hasKeys = !service.keys().isEmpty();
                boolean hasJwt = service.jwt() != null;
                String missing =
                        switch (e.auth()) {
                            case KEY -> hasKeys ? null : "auth key needs service " + service.id() + " to have keys";
                            case JWT -> hasJwt
                                    ? null
                                    : "auth jwt needs service " + service.id() + " to have a jwt section";
                            case ANY -> hasKeys || hasJwt
                                    ? null
                                    : "auth any needs service " + service.id() + " to have keys or a jwt section";
                            case NONE -> null;
                        };
                if (missing != null) {
                    n.problem("auth", missing + " (or set auth: none)");
                }
            }
            for (String f : e.flows()) {
                if (!flowIds.contains(f)) {
                    n.problem("flows", "\"" + f + "\" is not a flow id under flows");
                }
            }
            for (String r : e.rules()) {
                if (!ruleIds.contains(r)) {
                    n.problem("rules", "\"" + r + "\" is not a rule id under rules");
                }
            }
        }
    }
}
