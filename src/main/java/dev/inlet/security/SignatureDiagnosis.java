package dev.inlet.security;

import dev.inlet.config.SignatureAlgorithm;
import dev.inlet.config.SignatureDeclaration;
import dev.inlet.config.ValueSource;
import dev.inlet.logging.LogText;
import java.util.Locale;

/**
 * The operator's sentence for a {@link SignatureRefusal}, from the declaration: where the
 * signature was looked for, what was wrong with it, the algorithm, the signed parts, how many
 * secrets were tried and the tolerance. Only names and numbers: no secret, no expected value, no
 * byte of the signature or the body. Runs only when a refusal is described.
 */
final class SignatureDiagnosis {
    /** The longest URL a diagnosis names, after which it is cut. */
    private static final int MAX_URL = 200;

    private SignatureDiagnosis() {}

    /**
     * @param secrets how many secrets (or tokens) the scheme has
     * @param length the decoded signature's length; negative: any up to its magnitude
     */
    static String describe(
            SignatureDeclaration declaration,
            SignatureRefusal refusal,
            long bodyBytes,
            int secrets,
            long tolerance,
            int length) {
        String where = where(declaration.signature());
        String present = where + " present; ";
        return switch (refusal.reason()) {
            case MISSING -> where + " is absent or blank";
            case NO_PREFIXED_ITEM -> present
                    + (declaration.prefix().isEmpty()
                            ? "it holds no signature"
                            : "no " + (declaration.list() == null ? "value" : "item") + " starts with \""
                                    + declaration.prefix() + "\"");
            case WRONG_FORM -> present + "the signature is not " + form(declaration, length);
            case SIGNED_HEADER_MISSING -> "header " + refusal.detail() + ", which the signature covers ("
                    + new SignedBytes(declaration.signed()).template() + "), is absent";
            case TIMESTAMP_MISSING -> timestamp(declaration) + " is absent, blank or given twice";
            case TIMESTAMP_MALFORMED -> timestamp(declaration) + " is not a timestamp in "
                    + declaration.timestampUnit().name().toLowerCase(Locale.ROOT);
            case STALE -> stale(declaration, refusal, tolerance);
            case BODY_HASH_MISSING -> "query parameter "
                    + declaration.bodyHash().name() + " (the body's SHA-256) is absent, and the " + bytes(bodyBytes)
                    + " are not a signed form";
            case BODY_HASH_MISMATCH -> "query parameter "
                    + declaration.bodyHash().name() + " is not the SHA-256 of the " + bytes(bodyBytes);
            case NO_MATCH -> present + noMatch(declaration, refusal, bodyBytes, secrets);
        };
    }

    private static String noMatch(
            SignatureDeclaration declaration, SignatureRefusal refusal, long bodyBytes, int secrets) {
        SignatureAlgorithm algorithm = declaration.algorithm();
        String template = new SignedBytes(declaration.signed()).template();
        String over = template.equals("{body}")
                ? " over the " + bytes(bodyBytes)
                : " over " + template + " (" + bytes(bodyBytes) + ")";
        String url = refusal.detail() == null ? "" : "; the URL signed was " + url(refusal.detail());
        if (algorithm == SignatureAlgorithm.TOKEN) {
            return "the token matches none of the endpoint's " + count(secrets, "secret");
        }
        if (algorithm.publicKey()) {
            return name(algorithm) + " signature" + over + " does not verify with the endpoint's public key" + url;
        }
        return name(algorithm) + over + " with each of " + count(secrets, "secret") + "; none matched" + url;
    }

    private static String stale(SignatureDeclaration declaration, SignatureRefusal refusal, long tolerance) {
        long age = refusal.now() - refusal.signedAt();
        return timestamp(declaration) + " " + refusal.signedAt() + " is "
                + (age >= 0 ? age + " s old" : -age + " s in the future") + "; tolerance " + tolerance + " s";
    }

    /** Where a value is, by name: {@code X-Hub-Signature-256}, {@code form field Signature}. */
    static String where(ValueSource source) {
        return switch (source.kind()) {
            case HEADER -> source.name().replace(" ", "");
            case JSON -> "JSON field " + source.name();
            case FORM -> "form field " + source.name();
            case QUERY -> "query parameter " + source.name();
            case ITEM -> "item " + source.name();
        };
    }

    private static String timestamp(SignatureDeclaration declaration) {
        ValueSource ts = declaration.timestamp();
        return ts.kind() == ValueSource.Kind.ITEM
                ? "the timestamp (item " + ts.name() + " of " + where(declaration.signature()) + ")"
                : where(ts);
    }

    private static String form(SignatureDeclaration declaration, int length) {
        if (declaration.algorithm() == SignatureAlgorithm.TOKEN) {
            return "a token";
        }
        String encoding = declaration.encoding().name().toLowerCase(Locale.ROOT);
        return (length < 0 ? "up to " + -length : Integer.toString(length)) + " bytes as " + encoding
                + (declaration.prefix().isEmpty() ? "" : " after \"" + declaration.prefix() + "\"");
    }

    private static String name(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> "HMAC-SHA1";
            case SHA256 -> "HMAC-SHA256";
            case SHA512 -> "HMAC-SHA512";
            case ED25519 -> "Ed25519";
            case ECDSA_P256 -> "ECDSA P-256";
            case ECDSA_P256_RAW -> "ECDSA P-256 (raw r||s)";
            case TOKEN -> "token";
        };
    }

    private static String bytes(long bodyBytes) {
        return bodyBytes < 0 ? "body (not read yet)" : String.format(Locale.ROOT, "%,d body bytes", bodyBytes);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The URL without its query (whose values are the sender's), cut and escaped. */
    private static String url(String full) {
        int query = full.indexOf('?');
        String url = query < 0 ? full : full.substring(0, query) + " (query not shown)";
        String cut = url.length() > MAX_URL ? url.substring(0, MAX_URL) + "…" : url;
        return LogText.escape(cut);
    }
}
