package dev.inlet.console;

import dev.inlet.admin.AdminAnswers;
import dev.inlet.config.AnswerConfig;
import dev.inlet.config.EndpointConfig;
import dev.inlet.config.HistoryConfig;
import dev.inlet.config.IdempotencyConfig;
import dev.inlet.config.InletConfig;
import dev.inlet.config.LimitConfig;
import dev.inlet.config.ServiceConfig;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignatureDeclaration;
import dev.inlet.config.SignedPart;
import dev.inlet.config.ValueSource;
import dev.inlet.ingest.ResponseCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the console shows of an endpoint's configuration, built key by key from the config records
 * so that only what is named here can reach a browser: signature secrets become {@code "2 set"}, a
 * public key and a verify token {@code "set"}, and of the service only its id, whether it is
 * active, which credentials it takes ({@code key}, {@code jwt}), its allow list and limit: never a
 * key, a JWT secret or the admin token. {@code GET /console/api/endpoints/{id}} answers {@code
 * {"id", "url", "config"}}; an unknown id is 7008.
 */
final class ConsoleEndpoints {
    private final Supplier<InletConfig> config;

    ConsoleEndpoints(Supplier<InletConfig> config) {
        this.config = config;
    }

    /** The endpoint of the path's {@code id} in the config in force; null after answering 7008. */
    static EndpointConfig find(RoutingContext ctx, InletConfig cfg) {
        String id = ctx.pathParam("id");
        for (EndpointConfig e : cfg.endpoints()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        AdminAnswers.refuse(ctx, ResponseCode.UNKNOWN_ENDPOINT, "no endpoint with this id is configured");
        return null;
    }

    /** The path senders post to. */
    static String url(EndpointConfig e) {
        return "/v1/webhooks/" + e.id();
    }

    void config(RoutingContext ctx) {
        InletConfig cfg = config.get();
        EndpointConfig e = find(ctx, cfg);
        if (e == null) {
            return;
        }
        ServiceConfig service = cfg.services().stream()
                .filter(s -> s.id().equals(e.service()))
                .findFirst()
                .orElse(null);
        JsonObject shown = new JsonObject()
                .put("id", e.id())
                .put("service", service == null ? new JsonObject().put("id", e.service()) : service(service))
                .put("auth", lower(e.auth()))
                .put("format", lower(e.format()))
                .put("jsonFields", new JsonArray(e.jsonFields()))
                .put("maxBodySize", e.maxBodySize())
                .put("allowIps", new JsonArray(e.allowIps()))
                .put("limit", limit(e.limit()))
                .put("signature", e.signature() == null ? null : signature(e.signature()))
                .put("idempotency", e.idempotency() == null ? null : idempotency(e.idempotency()))
                .put("flows", new JsonArray(e.flows()))
                .put("rules", new JsonArray(e.rules()))
                .put("answer", e.answer() == null ? null : answer(e.answer()))
                .put("history", history(e.history()));
        ctx.json(new JsonObject().put("id", e.id()).put("url", url(e)).put("config", shown));
    }

    /** The overview's line of an endpoint, before its counts. */
    static JsonObject summary(EndpointConfig e) {
        return new JsonObject()
                .put("id", e.id())
                .put("url", url(e))
                .put("service", e.service())
                .put("auth", lower(e.auth()))
                .put("signature", e.signature() == null ? null : e.signature().scheme())
                .put("flows", new JsonArray(e.flows()))
                .put("rules", new JsonArray(e.rules()))
                .put("history", e.history().enabled());
    }

    private static JsonObject service(ServiceConfig s) {
        JsonArray kinds = new JsonArray();
        if (!s.keys().isEmpty()) {
            kinds.add("key");
        }
        if (s.jwt() != null) {
            kinds.add("jwt");
        }
        return new JsonObject()
                .put("id", s.id())
                .put("active", s.active())
                .put("auth", kinds)
                .put("allowIps", new JsonArray(s.allowIps()))
                .put("limit", limit(s.limit()));
    }

    private static JsonObject signature(SignatureConfig s) {
        SignatureDeclaration d = s.declaration();
        JsonObject out = new JsonObject().put("scheme", s.scheme());
        if (s.publicKey() != null) {
            out.put("publicKey", "set");
        } else {
            out.put("secrets", s.secrets().size() + " set");
        }
        out.put("mandatory", s.mandatory())
                .put("tolerance", duration(s.tolerance()))
                .put("handshake", s.handshake());
        if (!s.verifyTokens().isEmpty()) {
            out.put("verifyToken", "set");
        }
        return out.put(
                "declaration",
                new JsonObject()
                        .put("algorithm", lower(d.algorithm()))
                        .put("signature", source(d.signature()))
                        .put("signed", signed(d))
                        .put("encoding", lower(d.encoding()))
                        .put("prefix", d.prefix())
                        .put("list", d.list())
                        .put("timestamp", source(d.timestamp())));
    }

    /** Where a value is read: {@code header X-Hub-Signature-256}. */
    private static String source(ValueSource v) {
        return v == null ? null : lower(v.kind()) + (v.name() == null ? "" : " " + v.name());
    }

    /** What is signed, part by part: {@code body}, {@code header svix-id}, {@code literal .}. */
    private static JsonArray signed(SignatureDeclaration d) {
        JsonArray parts = new JsonArray();
        for (SignedPart p : d.signed()) {
            parts.add(lower(p.kind()) + (p.argument() == null ? "" : " " + p.argument()));
        }
        return parts;
    }

    private static JsonObject limit(LimitConfig l) {
        if (l == null || l.unlimited()) {
            return null;
        }
        return new JsonObject()
                .put("rate", l.rate())
                .put("per", duration(l.per()))
                .put("burst", l.burst())
                .put("daily", l.daily());
    }

    private static JsonObject idempotency(IdempotencyConfig i) {
        return new JsonObject().put("header", i.header()).put("path", i.path()).put("window", duration(i.window()));
    }

    private static JsonObject answer(AnswerConfig a) {
        return new JsonObject()
                .put("status", a.status())
                .put("contentType", a.contentType())
                .put("body", a.body());
    }

    private static Object history(HistoryConfig h) {
        if (!h.enabled()) {
            return "off";
        }
        return new JsonObject()
                .put("keep", h.keep())
                .put("for", duration(h.age()))
                .put("maxBodyBytes", h.maxBodyBytes())
                .put("refusals", h.refusalsPerSecond());
    }

    /** A duration as the config writes it: 300ms, 5m, 3d. */
    static String duration(Duration d) {
        if (d == null) {
            return null;
        }
        long ms = d.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms != 0 && ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
