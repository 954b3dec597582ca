package dev.inlet.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The config's sections read from its files: one file, or a directory's files in name order
 * ({@link ConfigDirectory}). The list sections ({@link #LISTS}) are concatenated in file order; any
 * other top-level key is a mapping set by one file only; ids are unique across all the files.
 * References (an endpoint's service, flows and rules) may point into another file.
 */
final class ConfigSections {
    static final List<String> LISTS = List.of("services", "endpoints", "flows", "rules");

    /**
     * One file: its name, its top mapping, and the problems found in it. With {@code lists} set,
     * {@code top} holds the mapping sections only and {@code lists} reads the file again when its
     * lists are read, handing each item over on its own: no file's whole tree is ever held, so the
     * trees die young (a tree of 10,000 endpoints lived long enough to fill the old generation and
     * cost full collections during a reload under load).
     */
    record Part(String file, ConfigNode top, List<String> problems, Consumer<Consumer<ListItem>> lists) {
        Part(String file, ConfigNode top, List<String> problems) {
            this(file, top, problems, null);
        }
    }

    /** An item of a list section as read: its section, its index in the file and its node. */
    record ListItem(String key, int index, ConfigNode node) {}

    /**
     * An item of a list section, with the file it came from and its index there (its problem lines
     * get a node made then: 100,000 endpoints' nodes held through the load cost ~20 MB).
     */
    private record Item<T>(T value, Part part, int index) {}

    private ConfigSections() {}

    /**
     * The config, or every problem at once; with {@code named} (a directory's files) each problem
     * line starts with the file it is in. An endpoint equal to {@code running}'s endpoint of the
     * same id (null: no running config) is taken from it.
     */
    static InletConfig read(List<Part> parts, boolean named, InletConfig running) {
        Map<String, EndpointConfig> held = new HashMap<>();
        if (running != null) {
            running.endpoints().forEach(e -> held.put(e.id(), e));
        }
        Map<String, Part> owners = owners(parts);
        ServerConfig server = ProcessSections.server(section(owners, parts, "server"));
        AdminConfig admin = ProcessSections.admin(section(owners, parts, "admin"));
        RedisConfig redis = ProcessSections.redis(section(owners, parts, "redis"));
        WorkersConfig workers = ProcessSections.workers(section(owners, parts, "workers"));
        List<Item<FlowConfig>> flows = new ArrayList<>();
        List<Item<RuleConfig>> rules = new ArrayList<>();
        List<Item<ServiceConfig>> services = new ArrayList<>();
        List<Item<EndpointConfig>> endpoints = new ArrayList<>();
        for (Part part : parts) {
            LISTS.forEach(part.top()::has);
            Consumer<ListItem> add = item -> {
                ConfigNode n = item.node();
                switch (item.key()) {
                    case "flows" -> flows.add(new Item<>(ModelSections.flow(n), part, item.index()));
                    case "rules" -> rules.add(new Item<>(ModelSections.rule(n), part, item.index()));
                    case "services" -> services.add(new Item<>(ModelSections.service(n), part, item.index()));
                    default -> {
                        EndpointConfig read = endpoint(n, server);
                        EndpointConfig before = read.id() == null ? null : held.get(read.id());
                        endpoints.add(new Item<>(read.equals(before) ? before : read, part, item.index()));
                    }
                }
            };
            if (part.lists() != null) {
                part.lists().accept(add);
            } else {
                for (String key : LISTS) {
                    List<ConfigNode> nodes = part.top().list(key);
                    for (int i = 0; i < nodes.size(); i++) {
                        add.accept(new ListItem(key, i, nodes.get(i)));
                    }
                }
            }
        }
        unique("services", services, ServiceConfig::id);
        unique("endpoints", endpoints, EndpointConfig::id);
        unique("flows", flows, FlowConfig::id);
        unique("rules", rules, RuleConfig::id);
        crossCheck(endpoints, services, flows, rules);
        List<String> problems = new ArrayList<>();
        for (Part part : parts) {
            part.top().rejectUnknown();
            for (String line : part.problems()) {
                problems.add(named ? part.file() + ": " + line : line);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new InletConfig(
                server, admin, redis, workers, values(services), values(endpoints), values(flows), values(rules));
    }

    /** Which file sets each mapping section; a second file setting one is a problem of that file. */
    private static Map<String, Part> owners(List<Part> parts) {
        Map<String, Part> owners = new HashMap<>();
        for (Part part : parts) {
            for (String key : part.top().keys()) {
                if (LISTS.contains(key)) {
                    continue;
                }
                Part owner = owners.putIfAbsent(key, part);
                if (owner != null) {
                    part.top().has(key);
                    part.top()
                            .problem(
                                    key,
                                    "is also set in " + owner.file() + "; a section that is a mapping is set in one"
                                            + " file only (move all of " + key + " into one of them)");
                }
            }
        }
        return owners;
    }

    /** The section from the file that sets it (the defaults when none does); it counts as read in every file. */
    private static ConfigNode section(Map<String, Part> owners, List<Part> parts, String key) {
        parts.forEach(part -> part.top().has(key));
        return owners.getOrDefault(key, parts.get(0)).top().child(key);
    }

    private static EndpointConfig endpoint(ConfigNode n, ServerConfig server) {
        EndpointConfig endpoint = ModelSections.endpoint(n, server.maxBodySize(), server.history());
        if (server.maxBodyMemory() > 0 && endpoint.maxBodySize() > server.maxBodyMemory()) {
            n.problem(
                    "maxBodySize",
                    "is larger than server.maxBodyMemory (" + server.maxBodyMemory()
                            + " bytes): such a body could never be accepted");
        }
        return endpoint;
    }

    private static <T> List<T> values(List<Item<T>> items) {
        return items.stream().map(Item::value).toList();
    }

    private static <T> void unique(String section, List<Item<T>> items, Function<T, String> idOf) {
        Map<String, Item<T>> first = new HashMap<>();
        for (Item<T> item : items) {
            String id = idOf.apply(item.value());
            Item<T> before = id == null ? null : first.putIfAbsent(id, item);
            if (before == null) {
                continue;
            }
            String key = section + "[" + item.index() + "].id";
            if (before.part() == item.part()) {
                item.part().top().problem(key, "\"" + id + "\" is used twice; ids must be unique");
            } else {
                item.part()
                        .top()
                        .problem(
                                key,
                                "\"" + id + "\" is also the id of " + section + "[" + before.index() + "] in "
                                        + before.part().file() + "; ids must be unique across the files");
            }
        }
    }

    private static void crossCheck(
            List<Item<EndpointConfig>> endpoints,
            List<Item<ServiceConfig>> services,
            List<Item<FlowConfig>> flows,
            List<Item<RuleConfig>> rules) {
        Map<String, ServiceConfig> servicesById = new LinkedHashMap<>();
        services.forEach(s -> {
            if (s.value().id() != null) {
                servicesById.putIfAbsent(s.value().id(), s.value());
            }
        });
        Set<String> flowIds =
                new HashSet<>(values(flows).stream().map(FlowConfig::id).toList());
        Set<String> ruleIds =
                new HashSet<>(values(rules).stream().map(RuleConfig::id).toList());
        for (Item<EndpointConfig> item : endpoints) {
            EndpointConfig e = item.value();
            ConfigNode n = item.part().top().listItem("endpoints", item.index(), null);
            ServiceConfig service = e.service() == null ? null : servicesById.get(e.service());
            if (e.service() != null && service == null) {
                n.problem("service", "\"" + e.service() + "\" is not a service id under services");
            }
            if (service != null) {
                String missing = missingAuth(e, service);
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

    private static String missingAuth(EndpointConfig e, ServiceConfig service) {
        boolean hasKeys = !service.keys().isEmpty();
        boolean hasJwt = service.jwt() != null;
        return switch (e.auth()) {
            case KEY -> hasKeys ? null : "auth key needs service " + service.id() + " to have keys";
            case JWT -> hasJwt ? null : "auth jwt needs service " + service.id() + " to have a jwt section";
            case ANY -> hasKeys || hasJwt
                    ? null
                    : "auth any needs service " + service.id() + " to have keys or a jwt section";
            case NONE -> null;
        };
    }
}
