package dev.inlet.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
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
        ServerConfig server = server(top.child("server"));
        AdminConfig admin = admin(top.child("admin"));
        RedisConfig redis = redis(top.child("redis"));
        WorkersConfig workers = workers(top.child("workers"));
        List<FlowConfig> flows = new ArrayList<>();
        for (ConfigNode n : top.list("flows")) {
            flows.add(flow(n));
        }
        List<RuleConfig> rules = new ArrayList<>();
        for (ConfigNode n : top.list("rules")) {
            rules.add(rule(n));
        }
        List<ServiceConfig> services = new ArrayList<>();
        for (ConfigNode n : top.list("services")) {
            services.add(service(n));
        }
        List<ConfigNode> endpointNodes = top.list("endpoints");
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (ConfigNode n : endpointNodes) {
            EndpointConfig endpoint = endpoint(n, server.maxBodySize());
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

    private static ServerConfig server(ConfigNode n) {
        int port = (int) n.integer("port", 8080, 0, 65535);
        String host = n.string("host", "0.0.0.0");
        long maxBody = n.size("maxBodySize", 256 * 1024);
        List<String> proxies = n.strings("trustedProxies");
        cidrs(n, "trustedProxies", proxies);
        Duration idle = n.duration("idleTimeout", Duration.ofSeconds(30));
        long bodyMemory = n.size("maxBodyMemory", 0);
        String forwardedName = n.string("forwardedHeader", ForwardedHeader.X_FORWARDED_FOR.configName());
        ForwardedHeader forwarded = ForwardedHeader.named(forwardedName);
        if (forwarded == null) {
            if (forwardedName != null) {
                n.problem(
                        "forwardedHeader",
                        "\"" + forwardedName + "\" is not one of x-forwarded-for, forwarded: "
                                + "name the header your proxy writes");
            }
            forwarded = ForwardedHeader.X_FORWARDED_FOR;
        }
        n.rejectUnknown();
        return new ServerConfig(port, host, maxBody, List.copyOf(proxies), idle, bodyMemory, forwarded);
    }

    /** The first value of {@code key} that is not a CIDR range, if any, is a problem. */
    private static void cidrs(ConfigNode n, String key, List<String> values) {
        try {
            values.forEach(IpLiterals::requireRange);
        } catch (IllegalArgumentException e) {
            n.problem(key, e.getMessage());
        }
    }

    private static AdminConfig admin(ConfigNode n) {
        String token = n.string("token", "");
        n.rejectUnknown();
        return new AdminConfig(token);
    }

    private static RedisConfig redis(ConfigNode n) {
        String url = n.string("url", "embedded");
        RedisMode mode = n.choice("mode", RedisMode.class, RedisMode.STANDALONE);
        redisUrl(n, url, mode);
        String stream = n.string("stream", "inlet:events");
        long maxLength = n.integer("maxLength", 1_000_000, 0, Long.MAX_VALUE);
        Duration timeout = n.duration("timeout", Duration.ofSeconds(2));
        int pool = (int) n.integer("poolSize", 8, 1, 1024);
        int shards = (int) n.integer("shards", 1, 1, RedisConfig.MAX_SHARDS);
        String masterName = n.string("masterName", "mymaster");
        if (masterName != null && masterName.isBlank()) {
            n.problem("masterName", "must name the master set the sentinels watch (default mymaster)");
        }
        if (stream != null
                && (shards > 1 || mode == RedisMode.CLUSTER)
                && (stream.contains("{") || stream.contains("}"))) {
            n.problem(
                    "stream",
                    "\"" + stream + "\" must not contain { or } in cluster mode or with shards > 1: "
                            + "Inlet adds a hash tag per shard itself");
        }
        n.rejectUnknown();
        return new RedisConfig(url, mode, stream, maxLength, timeout, pool, shards, masterName);
    }

    /** One URL, or in cluster and sentinel mode a comma-separated list of nodes; embedded is standalone only. */
    private static void redisUrl(ConfigNode n, String url, RedisMode mode) {
        if (url == null || mode == null) {
            return;
        }
        if (url.equals("embedded")) {
            if (mode != RedisMode.STANDALONE) {
                n.problem(
                        "url",
                        "embedded Redis is standalone; with mode " + mode.name().toLowerCase(java.util.Locale.ROOT)
                                + " set url to the " + (mode == RedisMode.CLUSTER ? "cluster's nodes" : "sentinels")
                                + ", e.g. redis://10.0.0.1:" + (mode == RedisMode.CLUSTER ? "7000" : "26379"));
            }
            return;
        }
        List<String> urls = RedisConfig.endpoints(url);
        if (urls.size() > 1 && mode == RedisMode.STANDALONE) {
            n.problem("url", "lists " + urls.size() + " nodes; only mode cluster or sentinel takes several");
        }
        for (String u : urls) {
            boolean unix = u.startsWith("unix://");
            if (!u.startsWith("redis://") && !u.startsWith("rediss://") && !unix) {
                n.problem(
                        "url",
                        "\"" + RedisConfig.redact(u) + "\" is not embedded or a redis://, rediss:// or unix:// URL");
            } else if (unix && mode != RedisMode.STANDALONE) {
                n.problem("url", "\"" + RedisConfig.redact(u) + "\": unix sockets are for mode standalone only");
            }
        }
        if (urls.isEmpty()) {
            n.problem("url", "must name at least one Redis node");
        }
    }

    private static WorkersConfig workers(ConfigNode n) {
        // Each worker verticle runs its events on one event loop at a time: two per core keep the cores
        // busy while others wait on Redis.
        int instances = (int)
                n.integer("instances", Math.min(256, 2 * Runtime.getRuntime().availableProcessors()), 0, 256);
        int batch = (int) n.integer("batchSize", 64, 1, 10_000);
        int attempts = (int) n.integer("maxAttempts", 5, 1, 1000);
        Duration claimIdle = n.duration("claimIdle", Duration.ofSeconds(30));
        Duration backoff = n.duration("backoff", Duration.ofSeconds(1));
        // Per event; the defaults are far above real webhooks and cost ~3.3 MiB of heap at most (FlattenLimits).
        int maxVariables = (int) n.integer("maxVariables", WorkersConfig.DEFAULT_MAX_VARIABLES, 1, 1_000_000);
        int maxVariableChars =
                (int) n.integer("maxVariableChars", WorkersConfig.DEFAULT_MAX_VARIABLE_CHARS, 1, 64 * 1024 * 1024);
        int maxNameLength = (int) n.integer("maxNameLength", WorkersConfig.DEFAULT_MAX_NAME_LENGTH, 1, 64 * 1024);
        n.rejectUnknown();
        return new WorkersConfig(
                instances, batch, attempts, claimIdle, backoff, maxVariables, maxVariableChars, maxNameLength);
    }

    private static String id(ConfigNode n) {
        String id = n.required("id");
        if (id != null && !ID.matcher(id).matches()) {
            n.problem("id", "\"" + id + "\" may only hold letters, digits and _ . : - (at most 128)");
        }
        return id;
    }

    private static ServiceConfig service(ConfigNode n) {
        String id = id(n);
        boolean active = n.bool("active", true);
        List<String> keys = n.strings("keys");
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).isBlank()) {
                n.problem("keys[" + i + "]", "a service key must not be empty");
            }
        }
        JwtConfig jwt = n.has("jwt") ? jwt(n.child("jwt")) : null;
        List<String> allow = n.strings("allowIps");
        cidrs(n, "allowIps", allow);
        LimitConfig limit = n.has("limit") ? limit(n.child("limit")) : LimitConfig.NONE;
        n.rejectUnknown();
        return new ServiceConfig(id, active, List.copyOf(keys), jwt, List.copyOf(allow), limit);
    }

    private static JwtConfig jwt(ConfigNode n) {
        String secret = blankToNull(n.string("secret", null));
        String publicKey = blankToNull(n.string("publicKey", null));
        String jwks = blankToNull(n.string("jwksUrl", null));
        int sources = (secret != null ? 1 : 0) + (publicKey != null ? 1 : 0) + (jwks != null ? 1 : 0);
        if (sources != 1) {
            n.problem("set exactly one of secret, publicKey, jwksUrl (found " + sources + ")");
        }
        String issuer = blankToNull(n.string("issuer", null));
        String audience = blankToNull(n.string("audience", null));
        Duration leeway = n.duration("leeway", Duration.ofSeconds(30));
        n.rejectUnknown();
        return new JwtConfig(secret, publicKey, jwks, issuer, audience, leeway);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static LimitConfig limit(ConfigNode n) {
        long rate = n.integer("rate", 0, 0, Long.MAX_VALUE);
        Duration per = n.duration("per", Duration.ofSeconds(1));
        if (per.isZero()) {
            n.problem("per", "must be longer than 0");
            per = Duration.ofSeconds(1);
        }
        long burst = n.integer("burst", rate, 0, Long.MAX_VALUE);
        if (rate > 0 && burst < 1) {
            n.problem("burst", "must be at least 1 when rate is set");
        }
        long daily = n.integer("daily", 0, 0, Long.MAX_VALUE);
        n.rejectUnknown();
        return new LimitConfig(rate, per, burst, daily);
    }

    private static EndpointConfig endpoint(ConfigNode n, long defaultMaxBody) {
        String id = id(n);
        String service = n.required("service");
        AuthMode auth = n.choice("auth", AuthMode.class, AuthMode.ANY);
        PayloadFormat format = n.choice("format", PayloadFormat.class, PayloadFormat.AUTO);
        long maxBody = n.size("maxBodySize", defaultMaxBody);
        if (maxBody < 1) {
            n.problem("maxBodySize", "must be at least 1 byte");
        }
        List<String> allow = n.strings("allowIps");
        cidrs(n, "allowIps", allow);
        LimitConfig limit = n.has("limit") ? limit(n.child("limit")) : LimitConfig.NONE;
        SignatureConfig signature = n.has("signature") ? signature(n.child("signature")) : null;
        IdempotencyConfig idempotency = n.has("idempotency") ? idempotency(n.child("idempotency")) : null;
        List<String> flows = n.strings("flows");
        List<String> rules = n.strings("rules");
        n.rejectUnknown();
        return new EndpointConfig(
                id,
                service,
                auth,
                format,
                maxBody,
                List.copyOf(allow),
                limit,
                signature,
                idempotency,
                List.copyOf(flows),
                List.copyOf(rules));
    }

    private static SignatureConfig signature(ConfigNode n) {
        SignatureScheme scheme = n.choice("scheme", SignatureScheme.class, SignatureScheme.HMAC);
        if (!scheme.configurable()) {
            for (String key : List.of("header", "algorithm", "encoding", "prefix")) {
                if (n.has(key)) {
                    n.problem(
                            key,
                            "is fixed by scheme " + scheme.name().toLowerCase(java.util.Locale.ROOT)
                                    + "; only scheme hmac sets it");
                }
            }
        }
        // Left out: null, which the record resolves to the scheme's defaults.
        String header = n.string("header", null);
        HmacAlgorithm algorithm = n.choice("algorithm", HmacAlgorithm.class, null);
        SignatureEncoding encoding = n.choice("encoding", SignatureEncoding.class, null);
        String prefix = n.string("prefix", null);
        List<String> secrets = n.strings("secrets");
        if (secrets.isEmpty()) {
            n.problem("secrets", "needs at least one secret");
        }
        for (int i = 0; i < secrets.size(); i++) {
            if (secrets.get(i).isEmpty()) {
                n.problem("secrets[" + i + "]", "a signature secret must not be empty");
            }
        }
        boolean mandatory = n.bool("mandatory", true);
        Duration tolerance = n.duration("tolerance", null);
        if (header != null && header.isBlank()) {
            n.problem("header", "must name the request header that carries the signature");
        }
        n.rejectUnknown();
        return new SignatureConfig(
                scheme, algorithm, header, encoding, prefix, List.copyOf(secrets), mandatory, tolerance);
    }

    private static IdempotencyConfig idempotency(ConfigNode n) {
        String header = blankToNull(n.string("header", null));
        String path = blankToNull(n.string("path", null));
        if ((header == null) == (path == null)) {
            n.problem("set exactly one of header, path");
        }
        if (path != null) {
            try {
                JsonPath.compile(path);
            } catch (InvalidPathException | IllegalArgumentException e) {
                n.problem("path", "\"" + path + "\" is not a JsonPath (" + e.getMessage() + ")");
            }
        }
        Duration window = n.duration("window", Duration.ofHours(24));
        if (window.toMillis() < 1) {
            n.problem("window", "must be longer than 0");
        }
        n.rejectUnknown();
        return new IdempotencyConfig(header, path, window);
    }

    private static FlowConfig flow(ConfigNode n) {
        String id = id(n);
        List<ActionConfig> steps = new ArrayList<>();
        for (ConfigNode s : n.list("steps")) {
            steps.add(action(s));
        }
        if (steps.isEmpty()) {
            n.problem("steps", "a flow needs at least one step");
        }
        n.rejectUnknown();
        return new FlowConfig(id, List.copyOf(steps));
    }

    private static RuleConfig rule(ConfigNode n) {
        String id = id(n);
        String when = n.required("when");
        List<ActionConfig> actions = new ArrayList<>();
        for (ConfigNode s : n.list("actions")) {
            actions.add(action(s));
        }
        if (actions.isEmpty()) {
            n.problem("actions", "a rule needs at least one action");
        }
        n.rejectUnknown();
        return new RuleConfig(id, when, List.copyOf(actions));
    }

    private static ActionConfig action(ConfigNode n) {
        String action = n.required("action");
        String when = blankToNull(n.string("when", null));
        Map<String, Object> options = n.remaining();
        return new ActionConfig(action, when, java.util.Collections.unmodifiableMap(options));
    }
}
