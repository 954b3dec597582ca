package dev.inlet.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A config given as a directory: every {@code *.yaml} and {@code *.yml} file directly in it,
 * sorted by name, read as one config ({@link ConfigSections} says how they merge). Names starting
 * with a dot are left out, as a shell's {@code *} leaves them out (editors' lock and swap files).
 */
final class ConfigDirectory {
    private ConfigDirectory() {}

    static List<Path> yamlFiles(Path dir) {
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(ConfigDirectory::isYaml)
                    .sorted((a, b) ->
                            a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new ConfigException(List.of(dir + ": cannot list the directory (" + e.getMessage() + ")"));
        }
        if (files.isEmpty()) {
            throw new ConfigException(List.of(dir
                    + ": is a directory without a *.yaml or *.yml file in it; put the config's files there, or"
                    + " give --config a file"));
        }
        return files;
    }

    private static boolean isYaml(Path entry) {
        String name = entry.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(entry);
    }
}
