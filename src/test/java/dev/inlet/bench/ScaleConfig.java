package dev.inlet.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A multi-tenant config at scale (issue 19): {@code endpoints} endpoints spread over
 * {@code services} services, every second service's endpoints HMAC-signed, every endpoint bound
 * to one flow. Service {@code n} is {@code tenant-n} with key {@code key-n}; a signed one's secret
 * is {@code secret-n}; endpoint {@code i} belongs to service {@code i % services} and its id is
 * {@link #endpointId(int)}. As one file ({@link #writeFile}) or as a directory
 * ({@link #writeDirectory}: the process sections, the services and flows, then the endpoints in
 * files of {@value #PER_FILE}).
 *
 * <p>{@code java ... dev.inlet.bench.ScaleConfig DIR PORT REDIS_URL STREAM [ENDPOINTS [SERVICES]]}
 * writes the directory and prints the id of endpoint 1 (a signed one).
 */
public final class ScaleConfig {
    static final int PER_FILE = 10_000;

    private ScaleConfig() {}

    /** A stable 32-hex-digit id, different for every {@code i}, as generated ids are. */
    public static String endpointId(int i) {
        return UUID.nameUUIDFromBytes(("endpoint-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString()
                .replace("-", "");
    }

    public static String process(int port, String redisUrl, String stream) {
        return """
        server: { port: %d, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s" }
        """
                .formatted(port, redisUrl, stream);
    }

    public static void writeFile(Path file, String process, int endpoints, int services) {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(process);
            writeServices(out, services);
            writeEndpoints(out, 0, endpoints, services);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeDirectory(Path dir, String process, int endpoints, int services) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("00-process.yaml"), process);
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("10-services.yaml"))) {
                writeServices(out, services);
            }
            for (int from = 0; from < endpoints; from += PER_FILE) {
                Path file = dir.resolve("20-endpoints-%03d.yaml".formatted(from / PER_FILE));
                try (BufferedWriter out = Files.newBufferedWriter(file)) {
                    writeEndpoints(out, from, Math.min(endpoints, from + PER_FILE), services);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeServices(BufferedWriter out, int services) throws IOException {
        out.write("flows:\n  - id: log-it\n    steps: [ { action: log, message: \"order $data.id\" } ]\n");
        out.write("services:\n");
        for (int s = 0; s < services; s++) {
            out.write("  - { id: tenant-%d, keys: [key-%d] }\n".formatted(s, s));
        }
    }

    private static void writeEndpoints(BufferedWriter out, int from, int to, int services) throws IOException {
        out.write("endpoints:\n");
        for (int i = from; i < to; i++) {
            int s = i % services;
            out.write("  - id: " + endpointId(i) + "\n    service: tenant-" + s
                    + "\n    auth: key\n    format: json\n    flows: [log-it]\n");
            if (s % 2 == 1) {
                out.write("    signature: { scheme: hmac, algorithm: sha256, header: X-Signature, encoding: hex,"
                        + " prefix: \"sha256=\", secrets: [secret-" + s + "] }\n");
            }
        }
    }

    public static void main(String[] args) {
        int endpoints = args.length > 4 ? Integer.parseInt(args[4]) : 100_000;
        int services = args.length > 5 ? Integer.parseInt(args[5]) : 1_000;
        writeDirectory(Path.of(args[0]), process(Integer.parseInt(args[1]), args[2], args[3]), endpoints, services);
        System.out.println(endpointId(1));
    }
}
