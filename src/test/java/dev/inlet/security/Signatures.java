package dev.inlet.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;
import dev.inlet.config.SecretFormat;
import dev.inlet.config.SignatureAlgorithm;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignatureDeclaration;
import dev.inlet.config.SignatureEncoding;
import dev.inlet.config.SignedPart;
import dev.inlet.config.ValueSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How senders sign, as pure functions: each returns the header value a provider would send, so
 * tests and the JMH benchmarks (src/jmh/java) produce requests that {@link SignatureVerifier}
 * accepts. Secrets are the strings written in config. Test code: Inlet itself only verifies. The
 * provider vectors (PresetVectorsTest) pin these to what the providers' own SDKs produce.
 */
public final class Signatures {
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Signatures() {}

    /** The generic scheme: {@code prefix} + the encoded HMAC of the body. */
    public static String hmac(
            SignatureAlgorithm algorithm, SignatureEncoding encoding, String prefix, String secret, byte[] body) {
        byte[] key = SigningKeys.of(SecretFormat.PLAIN, secret, 0);
        return (prefix == null ? "" : prefix) + encode(encoding, mac(algorithm, key, body));
    }

    /** GitHub's {@code X-Hub-Signature-256} value: {@code sha256=<hex>}. */
    public static String github(String secret, byte[] body) {
        return hmac(SignatureAlgorithm.SHA256, SignatureEncoding.HEX, "sha256=", secret, body);
    }

    /** Shopify's {@code X-Shopify-Hmac-Sha256} value: base64 HMAC-SHA256 of the body. */
    public static String shopify(String secret, byte[] body) {
        return hmac(SignatureAlgorithm.SHA256, SignatureEncoding.BASE64, "", secret, body);
    }

    /** Stripe's {@code Stripe-Signature} value: {@code t=<timestamp>,v1=<hex>}. */
    public static String stripe(String secret, long timestamp, byte[] body) {
        byte[] signed = concat((timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
        return "t=" + timestamp + ",v1=" + HEX.formatHex(mac(SignatureAlgorithm.SHA256, utf8(secret), signed));
    }

    /** Slack's {@code X-Slack-Signature} value, {@code v0=<hex>}; the timestamp travels in {@code X-Slack-Request-Timestamp}. */
    public static String slack(String secret, long timestamp, byte[] body) {
        byte[] signed = concat(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII), body);
        return "v0=" + HEX.formatHex(mac(SignatureAlgorithm.SHA256, utf8(secret), signed));
    }

    /**
     * Standard Webhooks' {@code webhook-signature} value, {@code v1,<base64>}; {@code secret} is
     * {@code whsec_<base64>}, and id and timestamp travel in {@code webhook-id} and {@code webhook-timestamp}.
     */
    public static String standard(String secret, String id, long timestamp, byte[] body) {
        byte[] key = SigningKeys.of(SecretFormat.WHSEC, secret, 0);
        byte[] signed = concat((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        return "v1," + Base64.getEncoder().encodeToString(mac(SignatureAlgorithm.SHA256, key, signed));
    }

    /** A POST to {@code url} as a sender signs it. */
    public record Request(String url, String pathAndQuery, Map<String, String> headers, byte[] body) {}

    /**
     * Every header a sender using {@code config}'s declaration would set, by name: any header it
     * signs holds {@code id}, the timestamp is {@code timestamp} seconds in the declared unit, the
     * signature its value (in a list with the timestamp item where the declaration says so). The
     * signature's header is the first of its alternatives. For an HMAC or token scheme whose
     * signature is a header, signing no URL.
     */
    public static Map<String, String> headers(
            SignatureConfig config, String secret, String id, long timestamp, byte[] body) {
        return sign(config, secret, null, id, timestamp, new Request("", "", new LinkedHashMap<>(), body))
                .headers();
    }

    /**
     * {@code request} with the signature headers {@code config}'s sender adds; {@code secret} for
     * HMAC and token schemes, {@code privateKey} for the public-key ones.
     */
    public static Request sign(
            SignatureConfig config, String secret, PrivateKey privateKey, String id, long timestamp, Request request) {
        SignatureDeclaration d = config.declaration();
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        String ts =
                switch (d.timestampUnit()) {
                    case SECONDS -> Long.toString(timestamp);
                    case MILLISECONDS -> Long.toString(timestamp * 1000);
                    case ISO8601 -> Instant.ofEpochSecond(timestamp).toString();
                };
        ValueSource t = d.timestamp();
        if (t != null && t.kind() == ValueSource.Kind.HEADER) {
            headers.put(first(t.name()), ts);
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        for (SignedPart part : d.signed()) {
            String text =
                    switch (part.kind()) {
                        case LITERAL -> part.argument();
                        case BODY -> null;
                        case METHOD -> "POST";
                        case URL -> part.argument() == null ? request.url() : SignedBytes.decodeReserved(request.url());
                        case PATH -> request.pathAndQuery();
                        case TIMESTAMP -> ts;
                        case HEADER -> headers.computeIfAbsent(first(part.argument()), name -> id);
                        case JSON -> json(request.body(), part.argument());
                        case QUERY -> SignedBytes.query(request.pathAndQuery(), part.argument());
                        case FORM -> formFields(headers, request.body()).get(part.argument());
                        case SORTED_FORM -> sortedForm(headers, request.body());
                    };
            signed.writeBytes(text == null ? request.body() : utf8(text));
        }
        String signature = d.prefix() + signature(config, secret, privateKey, signed.toByteArray());
        String value =
                t != null && t.kind() == ValueSource.Kind.ITEM ? t.name() + ts + d.list() + signature : signature;
        if (d.signature().kind() != ValueSource.Kind.HEADER) {
            throw new IllegalArgumentException("only header signatures are added here");
        }
        headers.put(first(d.signature().name()), value);
        return new Request(request.url(), request.pathAndQuery(), headers, request.body());
    }

    private static String signature(SignatureConfig config, String secret, PrivateKey privateKey, byte[] signed) {
        SignatureDeclaration d = config.declaration();
        SignatureAlgorithm algorithm = d.algorithm();
        if (algorithm == SignatureAlgorithm.TOKEN) {
            return secret;
        }
        byte[] bytes;
        if (algorithm.hmac()) {
            bytes = mac(algorithm, SigningKeys.of(d.secretFormat(), secret, 0), signed);
        } else {
            try {
                Signature signer = Signature.getInstance(algorithm.jcaName());
                signer.initSign(privateKey);
                signer.update(signed);
                bytes = signer.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return encode(d.encoding(), bytes);
    }

    /** A form body's fields by name (the last of a repeated one); empty for a body that is not a form. */
    private static Map<String, String> formFields(Map<String, String> headers, byte[] body) {
        Map<String, String> fields = new java.util.TreeMap<>();
        String type = headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
        if (!type.startsWith("application/x-www-form-urlencoded") || body.length == 0) {
            return fields;
        }
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            String[] nv = pair.split("=", 2);
            fields.put(
                    java.net.URLDecoder.decode(nv[0], StandardCharsets.UTF_8),
                    nv.length < 2 ? "" : java.net.URLDecoder.decode(nv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** Twilio's form parameters: sorted by name, each name followed by its value; "" for another body. */
    private static String sortedForm(Map<String, String> headers, byte[] body) {
        StringBuilder out = new StringBuilder();
        formFields(headers, body).forEach((name, value) -> out.append(name).append(value));
        return out.toString();
    }

    /** The hex SHA-256 of {@code body}, as Twilio's {@code bodySHA256} carries it. */
    public static String sha256Hex(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(byte[] body, String path) {
        try {
            Object found = JsonPath.read(JSON.readTree(body).toString(), path);
            return found == null ? null : found.toString();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String first(String names) {
        return SignedBytes.alternatives(names)[0];
    }

    static String encode(SignatureEncoding encoding, byte[] bytes) {
        return Codec.encode(encoding, bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] mac(SignatureAlgorithm algorithm, byte[] key, byte[] signed) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(key, algorithm.jcaName()));
            return mac.doFinal(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is not available", e);
        }
    }
}
