package dev.inlet.config;

import java.util.List;
import java.util.Optional;

/** The whole validated configuration; every list is immutable and ids are unique within each list. */
public record InletConfig(
        ServerConfig server,
        AdminConfig admin,
        RedisConfig redis,
        WorkersConfig workers,
        List<ServiceConfig> services,
        List<EndpointConfig> endpoints,
        List<FlowConfig> flows,
        List<RuleConfig> rules) {

    public Optional<ServiceConfig> service(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
