package dev.inlet.config;

import java.time.Duration;
import java.util.List;

/**
 * HTTP listener settings. {@code port} 0 picks a free port. {@code maxBodyMemory} bounds the bytes of
 * request bodies held in memory at once, process-wide; 0 means an eighth of the maximum heap.
 * {@code forwardedHeader} is the one forwarding header read from a peer in {@code trustedProxies}.
 * {@code history} is what an endpoint that sets none keeps of its requests.
 */
public record ServerConfig(
        int port,
        String host,
        long maxBodySize,
        List<String> trustedProxies,
        Duration idleTimeout,
        long maxBodyMemory,
        ForwardedHeader forwardedHeader,
        HistoryConfig history) {

    /**
     * The body memory bound in bytes: the configured one, else an eighth of the maximum heap (each
     * body in memory costs about three times its size until Redis has it: the body, the encoded
     * command, the encoder's growth).
     */
    public long bodyMemory() {
        return maxBodyMemory > 0 ? maxBodyMemory : Runtime.getRuntime().maxMemory() / 8;
    }
}
