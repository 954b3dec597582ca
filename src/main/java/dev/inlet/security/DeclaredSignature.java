package dev.inlet.security;

import com.jayway.jsonpath.JsonPath;
import dev.inlet.config.SignatureAlgorithm;
import dev.inlet.config.SignatureConfig;
import dev.inlet.config.SignatureDeclaration;
import dev.inlet.config.SignedPart;
import dev.inlet.config.ValueSource;
import dev.inlet.security.SignatureRefusal.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one verifier: interprets a {@link SignatureDeclaration}. It finds the signature (a header,
 * or a JSON field, as a single value or a list of items with a prefix), the timestamp, the signed
 * bytes ({@link SignedBytes}), and checks them with the HMAC keys (every secret, every candidate,
 * in constant time), the public key, or the plain tokens (compared by their SHA-256, in constant
 * time, so neither content nor length shows in the time taken). No secret or expected value is
 * ever logged or put in a message. A refusal says why ({@link SignatureRefusal}); a valid request
 * allocates nothing for it.
 *
 * <p>Over 300 lines because the one verifier of every declaration keeps its precheck and its full
 * check side by side, so that whatever the full check finds valid the precheck cannot refuse.
 */
final class DeclaredSignature implements SignatureVerifier {
    /** The longest DER encoding of a P-256 ECDSA signature. */
    private static final int MAX_DER_LENGTH = 72;
    /** Public-key signatures tried per request, at most: each costs a verification, unlike a MAC compare. */
    private static final int MAX_PUBLIC_KEY_CANDIDATES = 4;

    private final SignatureDeclaration declaration;
    private final long tolerance;
    private final boolean mandatoryTimestamp;
    private final MacKeys macs;
    private final PublicKeys publicKey;
    private final byte[][] tokenHashes;
    /** The decoded signature's length; negative: any length up to its magnitude. */
    private final int length;

    private final SignedBytes signed;
    private final String[] signatureHeaders;
    private final JsonPath signatureJson;
    private final String signatureForm;
    /** Whether the form parameters are signed ({@code {sortedForm}}), so a form body needs no body hash. */
    private final boolean signsForm;
    /** The declaration's {@link SignatureDeclaration#readsBodyFields}, worked out once, not per request. */
    private final boolean readsBodyFields;

    private final String[] timestampHeaders;
    private final JsonPath timestampJson;

    DeclaredSignature(SignatureConfig config) {
        declaration = config.declaration();
        tolerance = config.tolerance().toSeconds();
        SignatureAlgorithm algorithm = declaration.algorithm();
        macs = algorithm.hmac()
                ? MacKeys.of(algorithm, SigningKeys.of(declaration.secretFormat(), config.secrets()))
                : null;
        publicKey = algorithm.publicKey() ? PublicKeys.of(algorithm, config.publicKey()) : null;
        tokenHashes = algorithm == SignatureAlgorithm.TOKEN ? tokenHashes(config.secrets()) : null;
        length = switch (algorithm) {
            case SHA1, SHA256, SHA512 -> macs.length();
            case ED25519, ECDSA_P256_RAW -> 64;
            case ECDSA_P256 -> -MAX_DER_LENGTH;
            case TOKEN -> 0;
        };
        signed = new SignedBytes(declaration.signed());
        ValueSource at = declaration.signature();
        signatureHeaders = at.kind() == ValueSource.Kind.HEADER ? SignedBytes.alternatives(at.name()) : null;
        signatureJson = at.kind() == ValueSource.Kind.JSON ? JsonPath.compile(at.name()) : null;
        signatureForm = at.kind() == ValueSource.Kind.FORM ? at.name() : null;
        signsForm = declaration.signed().stream().anyMatch(p -> p.kind() == SignedPart.Kind.SORTED_FORM);
        readsBodyFields = declaration.readsBodyFields();
        ValueSource ts = declaration.timestamp();
        mandatoryTimestamp = ts != null;
        timestampHeaders =
                ts != null && ts.kind() == ValueSource.Kind.HEADER ? SignedBytes.alternatives(ts.name()) : null;
        timestampJson = ts != null && ts.kind() == ValueSource.Kind.JSON ? JsonPath.compile(ts.name()) : null;
    }

    private static byte[][] tokenHashes(List<String> secrets) {
        List<byte[]> keys = SigningKeys.of(dev.inlet.config.SecretFormat.PLAIN, secrets);
        byte[][] hashes = new byte[keys.size()][];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = sha256(keys.get(i));
        }
        return hashes;
    }

    @Override
    public boolean readsBodyFields() {
        return readsBodyFields;
    }

    @Override
    public SignatureRefusal precheckRefusal(Function<String, String> headers, long now) {
        List<String> items = null;
        if (signatureHeaders != null) {
            String raw = SignedBytes.header(headers, signatureHeaders);
            if (raw == null) {
                return SignatureRefusal.of(Reason.MISSING, now);
            }
            boolean none;
            if (declaration.list() == null) {
                none = candidate(raw.strip()) == null;
            } else {
                items = SignatureItems.items(raw, declaration.list());
                List<byte[]> found = new ArrayList<>(2);
                candidates(items, found);
                none = found.isEmpty();
            }
            if (none) {
                return malformed(List.of(raw), now);
            }
        }
        if (!signed.headersPresent(headers)) {
            return new SignatureRefusal(Reason.SIGNED_HEADER_MISSING, 0, now, signed.missingHeader(headers));
        }
        String timestamp;
        if (timestampHeaders != null) {
            timestamp = SignedBytes.header(headers, timestampHeaders);
        } else if (mandatoryTimestamp && declaration.timestamp().kind() == ValueSource.Kind.ITEM && items != null) {
            timestamp = SignatureItems.single(items, declaration.timestamp().name());
        } else {
            return null;
        }
        return judgeTime(timestamp == null ? null : timestamp.strip(), now);
    }

    /** Null when {@code timestamp} is one within the tolerance; else why not. */
    private SignatureRefusal judgeTime(String timestamp, long now) {
        long signedAt = Timestamps.parse(timestamp, declaration.timestampUnit());
        if (signedAt == Timestamps.INVALID) {
            return unreadable(timestamp, now);
        }
        return Timestamps.within(signedAt, now, tolerance)
                ? null
                : new SignatureRefusal(Reason.STALE, signedAt, now, null);
    }

    private static SignatureRefusal unreadable(String timestamp, long now) {
        return SignatureRefusal.of(
                timestamp == null || timestamp.isEmpty() ? Reason.TIMESTAMP_MISSING : Reason.TIMESTAMP_MALFORMED, now);
    }

    /** Why no candidate was found in {@code raws}: no item with the prefix, or none of the right form. */
    private SignatureRefusal malformed(List<String> raws, long now) {
        for (String raw : raws) {
            for (String item : SignatureItems.items(raw, declaration.list())) {
                if (SignatureItems.prefixed(item, declaration.prefix())) {
                    return SignatureRefusal.of(Reason.WRONG_FORM, now);
                }
            }
        }
        return SignatureRefusal.of(Reason.NO_PREFIXED_ITEM, now);
    }

    @Override
    public SignatureRefusal refusal(SignedRequest request, byte[] body, long now) {
        BodyFields fields = readsBodyFields ? new BodyFields(body, request.header("Content-Type")) : null;
        List<String> raws = signatures(request, fields);
        if (raws.isEmpty()) {
            return SignatureRefusal.of(Reason.MISSING, now);
        }
        List<byte[]> candidates = candidates(raws);
        if (candidates.isEmpty()) {
            return malformed(raws, now);
        }
        String timestamp = null;
        long signedAt = 0;
        if (mandatoryTimestamp) {
            timestamp = timestamp(request, fields, raws.get(0));
            signedAt = Timestamps.parse(timestamp, declaration.timestampUnit());
            if (signedAt == Timestamps.INVALID) {
                return unreadable(timestamp, now);
            }
        }
        if (declaration.bodyHash() != null) {
            SignatureRefusal wrongHash = bodyHash(request, body, fields, now);
            if (wrongHash != null) {
                return wrongHash;
            }
        }
        // The URL is worked out (behind proxies) only for a scheme that signs it.
        String url = signed.signsUrl() ? request.url() : null;
        boolean match = matches(candidates, signed.segments(request, body, fields, timestamp, url));
        if (!match && url != null) {
            String other = PublicUrl.otherDefaultPort(url);
            match = !other.equals(url) && matches(candidates, signed.segments(request, body, fields, timestamp, other));
        }
        if (!match) {
            return new SignatureRefusal(Reason.NO_MATCH, 0, now, url);
        }
        // A forged request is invalid whatever its timestamp; only a genuine one can be stale.
        return !mandatoryTimestamp || Timestamps.within(signedAt, now, tolerance)
                ? null
                : new SignatureRefusal(Reason.STALE, signedAt, now, null);
    }

    @Override
    public String describe(SignatureRefusal refusal, long bodyBytes) {
        return SignatureDiagnosis.describe(
                declaration,
                refusal,
                bodyBytes,
                macs != null ? macs.size() : tokenHashes != null ? tokenHashes.length : 1,
                tolerance,
                length);
    }

    /** The values the signature is in: one header, or every scalar a JSON path finds; blank ones left out. */
    private List<String> signatures(SignedRequest request, BodyFields fields) {
        if (signatureHeaders != null) {
            String raw = SignedBytes.header(request::header, signatureHeaders);
            return raw == null ? List.of() : List.of(raw);
        }
        List<String> raws = new ArrayList<>(1);
        if (signatureForm != null) {
            String raw = fields.form(signatureForm);
            return raw == null || raw.isBlank() ? List.of() : List.of(raw);
        }
        if (signatureJson != null) {
            for (String raw : fields.json(signatureJson)) {
                if (!raw.isBlank()) {
                    raws.add(raw);
                }
            }
        }
        return raws;
    }

    private String timestamp(SignedRequest request, BodyFields fields, String signature) {
        String text =
                switch (declaration.timestamp().kind()) {
                    case HEADER -> SignedBytes.header(request::header, timestampHeaders);
                    case JSON -> fields.single(timestampJson);
                    case ITEM -> SignatureItems.single(
                            SignatureItems.items(signature, declaration.list()),
                            declaration.timestamp().name());
                    case QUERY -> SignedBytes.query(
                            request.pathAndQuery(), declaration.timestamp().name());
                    case FORM -> fields.form(declaration.timestamp().name());
                };
        return text == null ? null : text.strip();
    }

    /** The signatures of the right form and length in {@code raws}: a token's text, or the decoded bytes. */
    private List<byte[]> candidates(List<String> raws) {
        if (raws.size() == 1 && declaration.list() == null) {
            // The common case, one value: no list to build.
            byte[] candidate = candidate(raws.get(0).strip());
            return candidate == null ? List.of() : List.of(candidate);
        }
        List<byte[]> candidates = new ArrayList<>(2);
        for (String raw : raws) {
            candidates(SignatureItems.items(raw, declaration.list()), candidates);
        }
        return candidates;
    }

    /** Adds the candidates among {@code items} to {@code candidates}, up to the limit. */
    private void candidates(List<String> items, List<byte[]> candidates) {
        int limit = publicKey != null ? MAX_PUBLIC_KEY_CANDIDATES : SignatureItems.MAX_ITEMS;
        for (String item : items) {
            byte[] candidate = candidates.size() < limit ? candidate(item) : null;
            if (candidate != null) {
                candidates.add(candidate);
            }
        }
    }

    /** The signature in one item: after the prefix, a token's text or the decoded bytes; null when it is none. */
    private byte[] candidate(String item) {
        String prefix = declaration.prefix();
        if (!SignatureItems.prefixed(item, prefix)) {
            return null;
        }
        if (tokenHashes != null) {
            return item.length() > prefix.length()
                    ? item.substring(prefix.length()).getBytes(StandardCharsets.UTF_8)
                    : null;
        }
        return Codec.decode(declaration.encoding(), item, prefix.length(), item.length(), length);
    }

    private boolean matches(List<byte[]> candidates, List<byte[]> segments) {
        if (tokenHashes != null) {
            // Every token found must be a secret: one good clientState does not vouch for others.
            boolean all = true;
            for (byte[] candidate : candidates) {
                all &= MacKeys.matches(sha256(candidate), tokenHashes);
            }
            return all;
        }
        if (segments == null) {
            return false;
        }
        return macs != null
                ? MacKeys.matchesAny(candidates, macs.digests(segments))
                : publicKey.verifies(candidates, segments);
    }

    /**
     * Null when the query parameter that holds the body's hex SHA-256 is right when present, or,
     * absent, the body is empty or a form whose parameters the scheme signs; else why not.
     */
    private SignatureRefusal bodyHash(SignedRequest request, byte[] body, BodyFields fields, long now) {
        String claimed =
                SignedBytes.query(request.pathAndQuery(), declaration.bodyHash().name());
        if (claimed == null) {
            return body.length == 0 || signsForm && fields.isForm()
                    ? null
                    : SignatureRefusal.of(Reason.BODY_HASH_MISSING, now);
        }
        byte[] decoded = Codec.hex(claimed, 0, claimed.length(), 32);
        return decoded != null && ConstantTime.equals(decoded, sha256(body))
                ? null
                : SignatureRefusal.of(Reason.BODY_HASH_MISMATCH, now);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
