package dev.inlet.config;

/** How Inlet reaches Redis. */
public enum RedisMode {
    STANDALONE,
    CLUSTER,
    SENTINEL
}
