package dev.inlet.config;

import java.util.List;

/** A configuration that cannot run; each problem is one line naming the key and what is wrong. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
