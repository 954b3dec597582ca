package dev.inlet.ingest;

import dev.inlet.config.EndpointConfig;
import dev.inlet.config.ServiceConfig;
import dev.inlet.limits.TransactionLimiter;
import dev.inlet.security.IpAllowList;
import dev.inlet.security.JwtVerifier;
import dev.inlet.security.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An endpoint ready for requests: its config and its service's, with everything a check needs
 * precomputed once at start-up (allow lists, key bytes, signature verifier, JWT verifier, limit scopes,
 * idempotency path, metrics label, the answer to an accepted event, the handshake).
 */
public record Endpoint(
        EndpointConfig config,
        ServiceConfig service,
        IpAllowList endpointAllowList,
        IpAllowList serviceAllowList,
        List<byte[]> serviceKeys,
        JwtVerifier jwt,
        SignatureVerifier signature,
        /** The scopes with a limit; empty when neither the service nor the endpoint has one. */
        List<TransactionLimiter.Scope> limits,
        /** How a request's idempotency key is found and hashed; null when the endpoint has none. */
        IdempotencyKey idempotency,
        /** The endpoint's label in {@code inlet_requests_total}, so an answer does not cut it from the id. */
        String metricsLabel,
        /** What an accepted event is answered with: the endpoint's {@code answer}, or the default. */
        SuccessAnswer answer,
        /** The signature preset's verification handshake; null when it has none. */
        Handshake handshake,
        /** Request headers never stored with its events: its plain-token signature's header. */
        List<String> withheldHeaders,
        /** The headers and query parameters its signature is read from: masked in its history. */
        List<String> signatureNames) {

    public String id() {
        return config.id();
    }

    static List<byte[]> keyBytes(ServiceConfig service) {
        return service.keys().stream()
                .map(k -> k.getBytes(StandardCharsets.UTF_8))
                .toList();
    }
}
