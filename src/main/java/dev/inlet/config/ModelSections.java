package dev.inlet.config;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sections that say who sends what and where it goes ({@code services}, {@code endpoints},
 * {@code flows}, {@code rules}), one entry at a time, with their defaults; problems are recorded on
 * the entry's node.
 */
final class ModelSections {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    private ModelSections() {}

    static String id(ConfigNode n) {
        String id = n.required("id");
        if (id != null && !ID.matcher(id).matches()) {
            n.problem("id", "\"" + id + "\" may only hold letters, digits and _ . : - (at most 128)");
        }
        return id;
    }

    static ServiceConfig service(ConfigNode n) {
        String id = id(n);
        boolean active = n.bool("active", true);
        List<String> keys = n.strings("keys");
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).isBlank()) {
                n.problem("keys[" + i + "]", "a service key must not be empty");
            }
        }
        JwtConfig jwt = n.has("jwt") ? jwt(n.child("jwt")) : null;
        List<String> allow = n.cidrs("allowIps");
        LimitConfig limit = n.has("limit") ? limit(n.child("limit")) : LimitConfig.NONE;
        n.rejectUnknown();
        return new ServiceConfig(id, active, List.copyOf(keys), jwt, List.copyOf(allow), limit);
    }

    static JwtConfig jwt(ConfigNode n) {
        String secret = blankToNull(n.string("secret", null));
        String publicKey = blankToNull(n.string("publicKey", null));
        String jwks = blankToNull(n.string("jwksUrl", null));
        int sources = (secret != null ? 1 : 0) + (publicKey != null ? 1 : 0) + (jwks != null ? 1 : 0);
        if (sources != 1) {
            n.problem("set exactly one of secret, publicKey, jwksUrl (found " + sources + ")");
        }
        String issuer = blankToNull(n.string("issuer", null));
        String audience = blankToNull(n.string("audience", null));
        Duration leeway = n.duration("leeway", Duration.ofSeconds(30));
        n.rejectUnknown();
        return new JwtConfig(secret, publicKey, jwks, issuer, audience, leeway);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static LimitConfig limit(ConfigNode n) {
        long rate = n.integer("rate", 0, 0, Long.MAX_VALUE);
        Duration per = n.duration("per", Duration.ofSeconds(1));
        if (per.isZero()) {
            n.problem("per", "must be longer than 0");
            per = Duration.ofSeconds(1);
        }
        long burst = n.integer("burst", rate, 0, Long.MAX_VALUE);
        if (rate > 0 && burst < 1) {
            n.problem("burst", "must be at least 1 when rate is set");
        }
        long daily = n.integer("daily", 0, 0, Long.MAX_VALUE);
        n.rejectUnknown();
        return new LimitConfig(rate, per, burst, daily);
    }

    static EndpointConfig endpoint(ConfigNode n, long defaultMaxBody, HistoryConfig defaultHistory) {
        String id = id(n);
        String service = n.required("service");
        AuthMode auth = n.choice("auth", AuthMode.class, AuthMode.ANY);
        PayloadFormat format = n.choice("format", PayloadFormat.class, PayloadFormat.AUTO);
        List<String> jsonFields = jsonFields(n, format);
        long maxBody = n.size("maxBodySize", defaultMaxBody);
        if (maxBody < 1) {
            n.problem("maxBodySize", "must be at least 1 byte");
        }
        List<String> allow = n.cidrs("allowIps");
        LimitConfig limit = n.has("limit") ? limit(n.child("limit")) : LimitConfig.NONE;
        SignatureConfig signature = n.has("signature") ? SignatureSection.read(n.child("signature")) : null;
        IdempotencyConfig idempotency = n.has("idempotency")
                ? idempotency(n.child("idempotency"))
                : deliveryId(signature == null ? null : signature.declaration().deliveryId());
        List<String> flows = n.strings("flows");
        List<String> rules = n.strings("rules");
        AnswerConfig answer = n.has("answer") ? answer(n.child("answer")) : successStatus(signature);
        HistoryConfig history = HistorySection.read(n, "history", defaultHistory);
        n.rejectUnknown();
        return new EndpointConfig(
                id,
                service,
                auth,
                format,
                jsonFields,
                maxBody,
                List.copyOf(allow),
                limit,
                signature,
                idempotency,
                List.copyOf(flows),
                List.copyOf(rules),
                answer,
                history);
    }

    /**
     * The form/multipart fields whose value is JSON: distinct, non-empty names, for a format that
     * has fields.
     */
    private static List<String> jsonFields(ConfigNode n, PayloadFormat format) {
        List<String> fields = n.strings("jsonFields");
        if (fields.isEmpty()) {
            return List.of();
        }
        if (format != PayloadFormat.AUTO && !format.hasFields()) {
            n.problem(
                    "jsonFields",
                    "applies to form and multipart bodies only, and this endpoint's format is "
                            + format.name().toLowerCase(java.util.Locale.ROOT)
                            + "; remove it or use format form, multipart or auto");
        }
        if (fields.stream().anyMatch(String::isEmpty)) {
            n.problem("jsonFields", "a field name must not be empty");
        }
        if (fields.stream().distinct().count() < fields.size()) {
            n.problem("jsonFields", "names a field twice");
        }
        return List.copyOf(fields);
    }

    /**
     * The answer of an endpoint that sets none: the JSON code body with the status its signature
     * preset's provider requires (Meta, Mailgun, Zoom count only 200), or none.
     */
    static AnswerConfig successStatus(SignatureConfig signature) {
        int status = signature == null ? 0 : signature.declaration().successStatus();
        return status == 0 ? null : new AnswerConfig(status, null, null);
    }

    /** The idempotency of an endpoint that sets none: its signature preset's delivery id, a header or a JsonPath. */
    static IdempotencyConfig deliveryId(String id) {
        if (id == null) {
            return null;
        }
        boolean path = id.startsWith("$");
        return new IdempotencyConfig(path ? null : id, path ? id : null, DEFAULT_WINDOW);
    }

    static IdempotencyConfig idempotency(ConfigNode n) {
        String header = blankToNull(n.string("header", null));
        String path = blankToNull(n.string("path", null));
        if ((header == null) == (path == null)) {
            n.problem("set exactly one of header, path");
        }
        if (path != null) {
            try {
                JsonPath.compile(path);
            } catch (InvalidPathException | IllegalArgumentException e) {
                n.problem("path", "\"" + path + "\" is not a JsonPath (" + e.getMessage() + ")");
            }
        }
        Duration window = n.duration("window", DEFAULT_WINDOW);
        if (window.toMillis() < 1) {
            n.problem("window", "must be longer than 0");
        }
        n.rejectUnknown();
        return new IdempotencyConfig(header, path, window);
    }

    static AnswerConfig answer(ConfigNode n) {
        int status = n.parsed("status", AnswerConfig.DEFAULT_STATUS, v -> {
            for (int allowed : AnswerConfig.STATUSES) {
                if (v.trim().equals(Integer.toString(allowed))) {
                    return allowed;
                }
            }
            throw new IllegalArgumentException(v.trim() + " is not one of "
                    + String.join(
                            ", ",
                            AnswerConfig.STATUSES.stream().map(String::valueOf).toList()));
        });
        String contentType = n.string("contentType", null);
        String body = n.string("body", null);
        if (status == 204) {
            if (body != null) {
                n.problem("body", "a 204 answer has no body: remove body, or use status 200");
            }
            if (contentType != null) {
                n.problem("contentType", "a 204 answer has no body: remove contentType");
            }
        } else if (body == null && contentType != null) {
            n.problem("contentType", "goes with a body: set body too, or remove contentType (the JSON code body)");
        } else if (body != null && !body.isEmpty() && contentType == null) {
            n.problem("contentType", "is required with a body, e.g. text/xml or application/json");
        }
        String typeProblem = contentType == null ? null : AnswerConfig.contentTypeProblem(contentType);
        if (typeProblem != null) {
            n.problem("contentType", typeProblem);
        }
        if (body != null) {
            try {
                AnswerConfig.literals(body);
            } catch (IllegalArgumentException e) {
                n.problem("body", e.getMessage());
            }
        }
        n.rejectUnknown();
        return new AnswerConfig(status, contentType, body);
    }

    static FlowConfig flow(ConfigNode n) {
        String id = id(n);
        List<ActionConfig> steps = new ArrayList<>();
        for (ConfigNode s : n.list("steps")) {
            steps.add(action(s));
        }
        if (steps.isEmpty()) {
            n.problem("steps", "a flow needs at least one step");
        }
        n.rejectUnknown();
        return new FlowConfig(id, List.copyOf(steps));
    }

    static RuleConfig rule(ConfigNode n) {
        String id = id(n);
        String when = n.required("when");
        List<ActionConfig> actions = new ArrayList<>();
        for (ConfigNode s : n.list("actions")) {
            actions.add(action(s));
        }
        if (actions.isEmpty()) {
            n.problem("actions", "a rule needs at least one action");
        }
        n.rejectUnknown();
        return new RuleConfig(id, when, List.copyOf(actions));
    }

    static ActionConfig action(ConfigNode n) {
        String action = n.required("action");
        String when = blankToNull(n.string("when", null));
        Map<String, Object> options = n.remaining();
        return new ActionConfig(action, when, java.util.Collections.unmodifiableMap(options));
    }
}
