package dev.inlet.faults;

import dev.inlet.Inlet;
import dev.inlet.Role;
import dev.inlet.config.ConfigLoader;
import io.vertx.core.MultiMap;
import java.util.Map;

/** The ingest-only Inlet a fault scenario runs against: one JSON endpoint with a service key. */
final class Ingest {
    static final String ENDPOINT = "fa017e57c0de4a11b0a7d15c0ffee000";
    static final String KEY = "fault-key";
    static final String PATH = "/v1/webhooks/" + ENDPOINT;

    private Ingest() {}

    /** The config: loopback, a free port unless {@code port} is given, ingest only. */
    static String yaml(String redisUrl, String stream, String redisTimeout, int port) {
        return """
        server: { port: %d, host: 127.0.0.1, idleTimeout: 10s }
        redis: { url: "%s", stream: "%s", timeout: %s }
        workers: { instances: 0 }
        services: [ { id: faults, keys: ["%s"] } ]
        endpoints: [ { id: %s, service: faults, auth: key, format: json, maxBodySize: 64KiB } ]
        """
                .formatted(port, redisUrl, stream, redisTimeout, KEY, ENDPOINT);
    }

    /**
     * The config for worker scenarios: the endpoint is bound to a flow {@code forward} whose one
     * step is an http action posting the raw payload to {@code receiverUrl}; {@code workers} is the
     * body of the {@code workers:} map, e.g. {@code "instances: 2, claimIdle: 1s"}. The same file
     * serves {@code --role ingest} and {@code --role worker}.
     */
    static String forwarding(String redisUrl, String stream, int port, String workers, String receiverUrl) {
        return """
        server: { port: %d, host: 127.0.0.1, idleTimeout: 10s }
        redis: { url: "%s", stream: "%s", timeout: 2s }
        workers: { %s }
        services: [ { id: faults, keys: ["%s"] } ]
        endpoints: [ { id: %s, service: faults, auth: key, format: json, maxBodySize: 64KiB, flows: [forward] } ]
        flows: [ { id: forward, steps: [ { action: http, url: "%s", timeout: 5s } ] } ]
        """
                .formatted(port, redisUrl, stream, workers, KEY, ENDPOINT, receiverUrl);
    }

    static Inlet start(String redisUrl, String stream, String redisTimeout) {
        return Inlet.start(new ConfigLoader(Map.of()).parse(yaml(redisUrl, stream, redisTimeout, 0)));
    }

    /** An Inlet in this JVM in {@code role}, on a {@link #forwarding} config (port 0: a free one). */
    static Inlet start(Role role, String redisUrl, String stream, String workers, String receiverUrl) {
        return Inlet.start(
                new ConfigLoader(Map.of()).parse(forwarding(redisUrl, stream, 0, workers, receiverUrl)), role);
    }

    static MultiMap headers() {
        return MultiMap.caseInsensitiveMultiMap().add("key", KEY).add("Content-Type", "application/json");
    }
}
