package dev.inlet.config;

/** Admin API settings; an empty token turns the admin API off. */
public record AdminConfig(String token) {
    public boolean enabled() {
        return token != null && !token.isEmpty();
    }

    @Override
    public String toString() {
        return "AdminConfig[token=" + (enabled() ? "***" : "") + "]";
    }
}
