package dev.inlet.config;

import java.time.Duration;
import java.util.List;

/** HTTP listener settings. {@code port} 0 picks a free port. */
public record ServerConfig(int port, String host, long maxBodySize, List<String> trustedProxies, Duration idleTimeout) {}
