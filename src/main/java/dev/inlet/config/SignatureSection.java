package dev.inlet.config;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An endpoint's {@code signature} section: a preset by name, the generic {@code hmac} with its
 * four settings, or {@code scheme: custom} with a whole declaration. The declaration keys are read
 * here for a user's {@code custom} and for the presets' resource alike, so both are one language
 * with the same error lines.
 */
final class SignatureSection {
    static final String CUSTOM = "custom";
    static final String GENERIC = "hmac";
    /** The keys of a declaration, fixed by every preset but {@code hmac} (which sets the first four). */
    private static final List<String> DECLARATION_KEYS = List.of(
            "header",
            "algorithm",
            "encoding",
            "prefix",
            "signed",
            "form",
            "json",
            "list",
            "secretFormat",
            "timestamp",
            "bodyHash",
            "refusalStatus",
            "deliveryId",
            "successStatus");

    private static final Set<String> SEPARATORS = Set.of(",", ";", " ");

    private static final Set<Long> SUCCESS_STATUSES = Set.of(200L, 202L, 204L);

    private SignatureSection() {}

    static SignatureConfig read(ConfigNode n) {
        String scheme = n.string("scheme", GENERIC).strip().toLowerCase(Locale.ROOT);
        SignatureDeclaration declaration;
        if (scheme.equals(CUSTOM)) {
            declaration = declaration(n, false);
        } else {
            declaration = SignaturePresets.find(scheme);
            if (declaration == null) {
                n.problem(
                        "scheme",
                        "\"" + scheme + "\" is not one of " + String.join(", ", SignaturePresets.names()) + ", "
                                + CUSTOM);
                declaration = SignaturePresets.find(GENERIC);
            }
            declaration = scheme.equals(GENERIC) ? generic(n, declaration) : fixed(n, scheme, declaration);
        }
        List<String> secrets = n.strings("secrets");
        String publicKey = ModelSections.blankToNull(n.string("publicKey", null));
        String verifyToken = n.string("verifyToken", null);
        if (verifyToken != null && verifyToken.isEmpty()) {
            n.problem("verifyToken", "must not be empty: it is what the handshake must carry");
        }
        String handshake = n.string("handshake", null);
        if (handshake != null && !handshake.equals(HandshakeTable.NONE) && HandshakeTable.entry(handshake) == null) {
            n.problem(
                    "handshake",
                    "\"" + handshake + "\" is not one of "
                            + String.join(", ", new java.util.TreeSet<>(HandshakeTable.names())) + ", "
                            + HandshakeTable.NONE);
        } else {
            // The handshake the endpoint answers: its own, else its preset's (Meta's GET needs the token).
            String answered = handshake != null ? handshake : declaration.handshake();
            HandshakeTable.Entry entry = HandshakeTable.entry(answered);
            if (entry != null && entry.verify() != null && verifyToken == null) {
                n.problem("verifyToken", "is required by handshake " + answered);
            }
        }
        boolean mandatory = n.bool("mandatory", true);
        Duration tolerance = n.duration("tolerance", null);
        if (declaration.algorithm().publicKey()) {
            if (publicKey == null) {
                n.problem(
                        "publicKey",
                        "scheme " + scheme + " verifies with the provider's public key ("
                                + declaration.algorithm().configName() + "): set it as the provider shows it");
            }
            if (!secrets.isEmpty()) {
                n.problem("secrets", "scheme " + scheme + " verifies with publicKey, not secrets");
            }
        } else {
            if (secrets.isEmpty()) {
                n.problem("secrets", "needs at least one secret");
            }
            if (publicKey != null) {
                n.problem("publicKey", "scheme " + scheme + " verifies with secrets, not a public key");
            }
        }
        for (int i = 0; i < secrets.size(); i++) {
            if (secrets.get(i).isEmpty()) {
                n.problem("secrets[" + i + "]", "a signature secret must not be empty");
            } else if (!declaration.algorithm().publicKey() && declaration.algorithm() != SignatureAlgorithm.TOKEN) {
                try {
                    declaration.secretFormat().key(secrets.get(i));
                } catch (IllegalArgumentException e) {
                    n.problem("secrets[" + i + "]", e.getMessage());
                }
            }
        }
        if (publicKey != null && declaration.algorithm().publicKey()) {
            try {
                PublicKeyText.parse(declaration.algorithm(), publicKey);
            } catch (IllegalArgumentException e) {
                n.problem("publicKey", e.getMessage());
            }
        }
        n.rejectUnknown();
        return new SignatureConfig(
                scheme,
                declaration,
                secrets,
                publicKey,
                mandatory,
                tolerance,
                verifyToken == null ? List.of() : List.of(verifyToken),
                handshake);
    }

    /** The generic scheme: a body HMAC whose header, algorithm, encoding and prefix the config may set. */
    private static SignatureDeclaration generic(ConfigNode n, SignatureDeclaration base) {
        String header = n.string("header", null);
        if (header != null && header.isBlank()) {
            n.problem("header", "must name the request header that carries the signature");
            header = null;
        }
        SignatureAlgorithm algorithm = n.parsed("algorithm", null, v -> SignatureAlgorithm.named(v, true));
        SignatureEncoding encoding = n.choice("encoding", SignatureEncoding.class, null);
        String prefix = n.string("prefix", null);
        for (String key : DECLARATION_KEYS.subList(4, DECLARATION_KEYS.size())) {
            if (n.has(key)) {
                n.problem(key, "is fixed by scheme " + GENERIC + "; write scheme: " + CUSTOM + " to set it");
            }
        }
        return base.with(algorithm, header, encoding, prefix);
    }

    private static SignatureDeclaration fixed(ConfigNode n, String scheme, SignatureDeclaration preset) {
        for (String key : DECLARATION_KEYS) {
            if (n.has(key)) {
                n.problem(
                        key,
                        "is fixed by scheme " + scheme + "; only schemes " + GENERIC + " and " + CUSTOM + " set it");
            }
        }
        return preset;
    }

    /**
     * The declaration keys of {@code n}; a preset's entry ({@code preset}) may also name its
     * handshake and its default {@code tolerance}, which a user's {@code custom} sets as usual.
     */
    static SignatureDeclaration declaration(ConfigNode n, boolean preset) {
        SignatureAlgorithm algorithm =
                n.parsed("algorithm", SignatureAlgorithm.SHA256, v -> SignatureAlgorithm.named(v, false));
        List<SignedPart> signed = n.parsed("signed", List.of(new SignedPart(SignedPart.Kind.BODY, null)), v -> {
            List<SignedPart> parts = SignedPart.parse(v);
            for (SignedPart part : parts) {
                if (part.kind() == SignedPart.Kind.JSON) {
                    jsonPath(part.argument());
                }
            }
            return parts;
        });
        ValueSource signature = source(n, "header", "form", "json", null, "where the signature is");
        String list = n.string("list", null);
        if (list != null && !SEPARATORS.contains(list)) {
            n.problem("list", "\"" + list + "\" is not one of \",\", \";\", \" \" (what separates the signatures)");
            list = null;
        }
        String prefix = n.string("prefix", "");
        SignatureEncoding encoding = n.choice("encoding", SignatureEncoding.class, SignatureEncoding.HEX);
        SecretFormat secretFormat = n.choice("secretFormat", SecretFormat.class, SecretFormat.PLAIN);
        ValueSource timestamp = null;
        TimestampUnit unit = TimestampUnit.SECONDS;
        if (n.has("timestamp")) {
            ConfigNode t = n.child("timestamp");
            timestamp = source(t, "header", "form", "json", "item", "where the timestamp is");
            unit = t.choice("unit", TimestampUnit.class, TimestampUnit.SECONDS);
            t.rejectUnknown();
            if (timestamp != null && timestamp.kind() == ValueSource.Kind.ITEM && list == null) {
                n.problem("timestamp.item", "needs list: the timestamp is an item of the signature's list");
            }
        }
        if (timestamp == null && signed.stream().anyMatch(p -> p.kind() == SignedPart.Kind.TIMESTAMP)) {
            n.problem("signed", "{timestamp} is signed but no timestamp is declared (timestamp: {header: NAME})");
        }
        Duration tolerance = preset ? n.duration("tolerance", null) : null;
        ValueSource bodyHash = null;
        if (n.has("bodyHash")) {
            ConfigNode b = n.child("bodyHash");
            String query = b.required("query");
            b.rejectUnknown();
            bodyHash = query == null ? null : new ValueSource(ValueSource.Kind.QUERY, query);
        }
        int refusalStatus = (int) n.integer("refusalStatus", 0, 400, 499);
        String deliveryId = ModelSections.blankToNull(n.string("deliveryId", null));
        if (deliveryId != null && deliveryId.startsWith("$")) {
            try {
                jsonPath(deliveryId);
            } catch (IllegalArgumentException e) {
                n.problem("deliveryId", e.getMessage());
            }
        }
        long success = n.integer("successStatus", 0, 0, 599);
        if (success != 0 && !SUCCESS_STATUSES.contains(success)) {
            n.problem("successStatus", success + " is not one of 200, 202, 204");
            success = 0;
        }
        String handshake = preset ? ModelSections.blankToNull(n.string("handshake", null)) : null;
        if (signature == null) {
            signature = new ValueSource(ValueSource.Kind.HEADER, "X-Signature");
        }
        return new SignatureDeclaration(
                algorithm,
                signed,
                signature,
                list,
                prefix,
                encoding,
                secretFormat,
                timestamp,
                unit,
                tolerance,
                bodyHash,
                refusalStatus,
                deliveryId,
                (int) success,
                handshake);
    }

    /** Exactly one of the keys that say where a value is; null (and a problem) otherwise. */
    private static ValueSource source(ConfigNode n, String header, String form, String json, String item, String what) {
        String[] keys = item == null ? new String[] {header, form, json} : new String[] {header, form, json, item};
        ValueSource.Kind[] kinds = {
            ValueSource.Kind.HEADER, ValueSource.Kind.FORM, ValueSource.Kind.JSON, ValueSource.Kind.ITEM
        };
        ValueSource found = null;
        int count = 0;
        for (int i = 0; i < keys.length; i++) {
            String value = n.string(keys[i], null);
            if (value == null) {
                continue;
            }
            count++;
            if (value.isBlank()) {
                n.problem(keys[i], "must not be empty");
                continue;
            }
            if (kinds[i] == ValueSource.Kind.JSON) {
                try {
                    jsonPath(value);
                } catch (IllegalArgumentException e) {
                    n.problem(keys[i], e.getMessage());
                    continue;
                }
            }
            found = new ValueSource(kinds[i], kinds[i] == ValueSource.Kind.ITEM ? value : value.strip());
        }
        if (count != 1) {
            n.problem("set exactly one of " + String.join(", ", keys) + " (" + what + "), found " + count);
            return null;
        }
        return found;
    }

    private static void jsonPath(String path) {
        try {
            JsonPath.compile(path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + path + "\" is not a JsonPath (" + e.getMessage() + ")");
        }
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("\"" + path + "\" is not a JsonPath: it starts with $");
        }
    }
}
