package dev.inlet.security;

import dev.inlet.config.SignatureAlgorithm;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignatureDeclaration;
import dev.inlet.config.SignedPart;
import dev.inlet.config.TimestampUnit;
import dev.inlet.config.ValueSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request an operator asked Inlet to sign (the console's test request), signed as the sender of
 * an endpoint's declaration would sign it, by the verifier's own parts: the signed bytes ({@link
 * SignedBytes}), the keys ({@link SigningKeys}, {@link MacKeys}, the first secret signing) and the
 * timestamp in the declared unit, stamped {@code now}. Headers the scheme signs get a fresh id; a
 * timestamp, token or signature the scheme carries in a JSON body is set at a plain
 * {@code $.a.b} path, in a form body appended as a field. The result is checked by the verifier
 * before it is returned, so what this calls signed is what the endpoint accepts. Only bodies the
 * operator chose are signed here: never a received request.
 */
public final class SignedSample {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param signed whether the request carries a valid signature
     * @param headers the headers to send besides the credential, in order
     * @param target the path and query to post to (a body hash may be added to the query)
     * @param body the body to send (a timestamp, token or signature may be added to it)
     * @param note what the operator should know: why it is not signed, or that it is stamped
     */
    public record Result(boolean signed, Map<String, String> headers, String target, byte[] body, String note) {}

    private SignedSample() {}

    /**
     * @param config the endpoint's signature settings, null for none
     * @param contentType the request's Content-Type, already in {@code headers}
     * @param headers the headers the request carries before signing (Content-Type)
     * @param origin the scheme and authority the endpoint is reached at, {@code https://host}
     * @param path the endpoint's path
     * @param body the body to sign
     * @param now the time to stamp, Unix seconds
     */
    public static Result sign(
            SignatureConfig config,
            String contentType,
            Map<String, String> headers,
            String origin,
            String path,
            byte[] body,
            long now) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        if (config == null) {
            return new Result(false, out, path, body, "The endpoint checks no signature.");
        }
        SignatureDeclaration d = config.declaration();
        SignatureAlgorithm algorithm = d.algorithm();
        if (algorithm.publicKey()) {
            return new Result(
                    false,
                    out,
                    path,
                    body,
                    "The scheme " + config.scheme() + " signs with " + algorithm.configName()
                            + " and Inlet holds only the public key; only the sender can sign.");
        }
        if (algorithm == SignatureAlgorithm.TOKEN) {
            return new Result(
                    false,
                    out,
                    path,
                    body,
                    "The scheme " + config.scheme() + " sends one of the endpoint's tokens as it is, in "
                            + where(d.signature()) + "; Inlet never puts a secret in a command: add it yourself.");
        }
        String id = "inlet-test-" + HEX.formatHex(random(12));
        if (d.deliveryId() != null && !d.deliveryId().startsWith("$")) {
            out.putIfAbsent(SignedBytes.alternatives(d.deliveryId())[0], id);
        }
        for (SignedPart part : d.signed()) {
            if (part.kind() == SignedPart.Kind.HEADER) {
                out.putIfAbsent(SignedBytes.alternatives(part.argument())[0], id);
            }
        }
        String ts = d.timestamp() == null ? null : stamp(d, now);
        SampleFields fields = new SampleFields(body, contentType);
        if (ts != null) {
            switch (d.timestamp().kind()) {
                case HEADER -> out.put(SignedBytes.alternatives(d.timestamp().name())[0], ts);
                case JSON, FORM -> {
                    if (!fields.set(d.timestamp(), ts, d.timestampUnit() != TimestampUnit.ISO8601)) {
                        return unsignable(out, path, body, d.timestamp());
                    }
                }
                default -> {
                    // an item of the signature's list, written with it below
                }
            }
        }
        for (SignedPart part : d.signed()) {
            ValueSource field =
                    switch (part.kind()) {
                        case JSON -> new ValueSource(ValueSource.Kind.JSON, part.argument());
                        case FORM -> new ValueSource(ValueSource.Kind.FORM, part.argument());
                        default -> null;
                    };
            if (field != null && !fields.has(field) && !fields.set(field, HEX.formatHex(random(25)), false)) {
                return unsignable(out, path, body, field);
            }
        }
        byte[] signedBody = fields.bytes();
        BodyFields parsed = new BodyFields(signedBody, contentType);
        String target = path;
        if (d.bodyHash() != null && signedBody.length > 0 && !(signsForm(d) && parsed.isForm())) {
            target = path + (path.indexOf('?') < 0 ? "?" : "&") + d.bodyHash().name() + "="
                    + HEX.formatHex(sha256(signedBody));
        }
        String url = origin + target;
        SignedRequest request = SignedRequest.of(name -> header(out, name), "POST", url, target);
        List<byte[]> segments = new SignedBytes(d.signed()).segments(request, signedBody, parsed, ts, url);
        if (segments == null) {
            return new Result(false, out, target, body, "The body lacks a value " + config.scheme() + " signs.");
        }
        byte[] mac = MacKeys.of(algorithm, SigningKeys.of(d.secretFormat(), config.secrets()))
                .digests(segments)[0];
        String signature = d.prefix() + Codec.encode(d.encoding(), Arrays.copyOf(mac, mac.length));
        ValueSource at = d.signature();
        if (d.timestamp() != null && d.timestamp().kind() == ValueSource.Kind.ITEM) {
            signature = d.timestamp().name() + ts + d.list() + signature;
        }
        byte[] sent = signedBody;
        if (at.kind() == ValueSource.Kind.HEADER) {
            out.put(SignedBytes.alternatives(at.name())[0], signature);
        } else if (signsBody(d) || !fields.set(at, signature, false)) {
            return unsignable(out, path, body, at);
        } else {
            sent = fields.bytes();
        }
        String result = target;
        SignatureRefusal refusal = SignatureVerifier.create(config)
                .refusal(SignedRequest.of(name -> header(out, name), "POST", origin + result, result), sent, now);
        if (refusal != null) {
            return new Result(
                    false,
                    new LinkedHashMap<>(headers),
                    path,
                    body,
                    "Inlet could not sign this body for " + config.scheme() + ".");
        }
        String note = "With the endpoint's first " + config.scheme() + " secret";
        if (ts != null) {
            note += ", stamped " + Instant.ofEpochSecond(now) + ": valid for "
                    + config.tolerance().toSeconds() + " s (until "
                    + Instant.ofEpochSecond(now + config.tolerance().toSeconds()) + ")";
        }
        if (new SignedBytes(d.signed()).signsUrl()) {
            note += "; the signature covers the URL, so send it to exactly " + url;
        }
        return new Result(true, out, target, sent, note + ".");
    }

    private static Result unsignable(Map<String, String> headers, String path, byte[] body, ValueSource at) {
        return new Result(
                false,
                headers,
                path,
                body,
                "The scheme carries a value in " + where(at)
                        + ", which Inlet cannot set in this body (a JSON object, or a form, is needed).");
    }

    private static String where(ValueSource at) {
        return switch (at.kind()) {
            case HEADER -> "header " + at.name();
            case JSON -> "the JSON field " + at.name();
            case FORM -> "the form field " + at.name();
            case QUERY -> "the query parameter " + at.name();
            case ITEM -> "the item " + at.name();
        };
    }

    private static boolean signsForm(SignatureDeclaration d) {
        return d.signed().stream().anyMatch(p -> p.kind() == SignedPart.Kind.SORTED_FORM);
    }

    private static boolean signsBody(SignatureDeclaration d) {
        return d.signed().stream()
                .anyMatch(p -> p.kind() == SignedPart.Kind.BODY || p.kind() == SignedPart.Kind.SORTED_FORM);
    }

    private static String stamp(SignatureDeclaration d, long now) {
        return switch (d.timestampUnit()) {
            case SECONDS -> Long.toString(now);
            case MILLISECONDS -> Long.toString(now * 1000);
            case ISO8601 -> Instant.ofEpochSecond(now).toString();
        };
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
