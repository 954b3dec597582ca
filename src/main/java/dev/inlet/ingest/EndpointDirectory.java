package dev.inlet.ingest;

import dev.inlet.config.EndpointConfig;
import dev.inlet.config.ForwardedHeader;
import dev.inlet.config.HandshakeTable;
import dev.inlet.config.InletConfig;
import dev.inlet.config.ServiceConfig;
import dev.inlet.config.SignatureAlgorithm;
import dev.inlet.config.SignatureDeclaration;
import dev.inlet.config.ValueSource;
import dev.inlet.limits.TransactionLimiter;
import dev.inlet.metrics.InletMetrics;
import dev.inlet.security.IpAllowList;
import dev.inlet.security.JwtVerifier;
import dev.inlet.security.SignatureVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configured endpoint, compiled for the ingest path, plus the server-wide trusted proxies
 * and the forwarding header believed from them.
 * Immutable; built once per configuration and shared by all HTTP verticles.
 */
public final class EndpointDirectory {
    private final Map<String, Endpoint> endpoints;
    private final IpAllowList trustedProxies;
    private final ForwardedHeader forwardedHeader;

    private EndpointDirectory(
            Map<String, Endpoint> endpoints, IpAllowList trustedProxies, ForwardedHeader forwardedHeader) {
        this.endpoints = Map.copyOf(endpoints);
        this.trustedProxies = trustedProxies;
        this.forwardedHeader = forwardedHeader;
    }

    /** Compiles the config; fails when a service's JWT key material cannot be loaded. */
    public static Future<EndpointDirectory> build(Vertx vertx, InletConfig config) {
        return build(vertx, config, null);
    }

    /**
     * Compiles the config on a worker thread, never on an event loop: with 100,000 endpoints it
     * takes seconds, and the JWT keys' futures may complete on an event loop. An endpoint whose
     * config and service equal those of the same endpoint in {@code previous} (a reload's running
     * directory; null for none) is taken over as compiled, unless its service has a JWT section
     * (whose keys are loaded again): an {@link Endpoint} depends on nothing else, so a reload that
     * changes a few endpoints holds one copy of the others, not two. Fails when a service's JWT key
     * material cannot be loaded.
     */
    public static Future<EndpointDirectory> build(Vertx vertx, InletConfig config, EndpointDirectory previous) {
        Map<String, Future<JwtVerifier>> jwt = new HashMap<>();
        for (ServiceConfig s : config.services()) {
            if (s.jwt() != null) {
                jwt.put(s.id(), JwtVerifier.create(vertx, s.id(), s.jwt()));
            }
        }
        List<Future<JwtVerifier>> all = new ArrayList<>(jwt.values());
        return Future.all(all).compose(done -> vertx.executeBlocking(() -> compile(config, jwt, previous), false));
    }

    private static EndpointDirectory compile(
            InletConfig config, Map<String, Future<JwtVerifier>> jwt, EndpointDirectory previous) {
        // By id, once: a search of the list per endpoint is quadratic with many of both.
        Map<String, ServiceConfig> services = new HashMap<>();
        config.services().forEach(s -> services.put(s.id(), s));
        Map<String, List<byte[]>> keys = new HashMap<>();
        Map<String, Endpoint> compiled = new HashMap<>();
        for (EndpointConfig e : config.endpoints()) {
            ServiceConfig s = services.get(e.service());
            Endpoint before = previous == null ? null : previous.endpoints.get(e.id());
            if (before != null
                    && s.jwt() == null
                    && before.config().equals(e)
                    && before.service().equals(s)) {
                compiled.put(e.id(), before);
                continue;
            }
            Future<JwtVerifier> verifier = jwt.get(s.id());
            compiled.put(
                    e.id(),
                    new Endpoint(
                            e,
                            s,
                            IpAllowList.of(e.allowIps()),
                            IpAllowList.of(s.allowIps()),
                            keys.computeIfAbsent(s.id(), id -> Endpoint.keyBytes(s)),
                            verifier == null ? null : verifier.result(),
                            e.signature() == null ? null : SignatureVerifier.create(e.signature()),
                            limits(s, e),
                            IdempotencyKey.of(e.idempotency()),
                            InletMetrics.endpointLabel(e.id()),
                            SuccessAnswer.of(e.answer()),
                            handshake(e),
                            withheldHeaders(e),
                            signatureNames(e)));
        }
        return new EndpointDirectory(
                compiled,
                IpAllowList.of(config.server().trustedProxies()),
                config.server().forwardedHeader());
    }

    /**
     * The endpoints' configs as this directory holds them, in the order of {@code endpoints} (equal
     * ones, by id): a reload keeps these, so an unchanged endpoint's config is held once.
     */
    public List<EndpointConfig> configs(List<EndpointConfig> from) {
        List<EndpointConfig> out = new ArrayList<>(from.size());
        for (EndpointConfig e : from) {
            Endpoint held = endpoints.get(e.id());
            out.add(held == null ? e : held.config());
        }
        return List.copyOf(out);
    }

    /** The endpoint's scopes with a limit; no scope names are made for the many endpoints without one. */
    private static List<TransactionLimiter.Scope> limits(ServiceConfig s, EndpointConfig e) {
        if (s.limit().unlimited() && e.limit().unlimited()) {
            return List.of();
        }
        return TransactionLimiter.limited(List.of(
                TransactionLimiter.serviceScope(s.id(), s.limit()),
                TransactionLimiter.endpointScope(s.id(), e.id(), e.limit())));
    }

    /** The handshake of the endpoint's signature preset, keyed with its first secret; null for none. */
    private static Handshake handshake(EndpointConfig e) {
        HandshakeTable.Entry entry = e.signature() == null
                ? null
                : HandshakeTable.entry(e.signature().handshake());
        if (entry == null) {
            return null;
        }
        List<String> secrets = e.signature().secrets();
        return Handshake.of(
                e.signature().handshake(),
                entry,
                secrets.isEmpty() ? null : secrets.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                e.signature().verifyTokens());
    }

    /**
     * The headers of the endpoint's requests never stored: a plain-token signature's header (each
     * spelling of {@code a|b}), which is a credential, not a MAC of the body.
     */
    private static List<String> withheldHeaders(EndpointConfig e) {
        if (e.signature() == null) {
            return List.of();
        }
        SignatureDeclaration d = e.signature().declaration();
        if (d.algorithm() != SignatureAlgorithm.TOKEN || d.signature().kind() != ValueSource.Kind.HEADER) {
            return List.of();
        }
        return List.of(d.signature().name().split("\\|"));
    }

    /**
     * The header or query parameter names (each spelling of {@code a|b}) the endpoint's signature
     * value is read from, whose values its history masks.
     */
    private static List<String> signatureNames(EndpointConfig e) {
        if (e.signature() == null) {
            return List.of();
        }
        ValueSource source = e.signature().declaration().signature();
        if (source.kind() != ValueSource.Kind.HEADER && source.kind() != ValueSource.Kind.QUERY) {
            return List.of();
        }
        return List.of(source.name().split("\\|"));
    }

    public Endpoint find(String id) {
        return id == null ? null : endpoints.get(id);
    }

    public IpAllowList trustedProxies() {
        return trustedProxies;
    }

    /** The one forwarding header read from a trusted proxy. */
    public ForwardedHeader forwardedHeader() {
        return forwardedHeader;
    }
}
