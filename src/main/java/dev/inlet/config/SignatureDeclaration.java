package dev.inlet.config;

import java.time.Duration;
import java.util.List;

/**
 * A signature scheme as data: what a sender signs, how, and where the request carries it. Every
 * preset ({@link SignaturePresets}) and every {@code scheme: custom} is one of these, and one
 * verifier interprets them all.
 *
 * @param algorithm the MAC, public-key signature or plain token
 * @param signed the signed bytes, part after part
 * @param signature where the signature is: a header, form field or JSON body field
 * @param list when the value is a list of signatures (the sender's rotation, or a structured
 *     header such as {@code t=...,v1=...}): the separator, {@code ","}, {@code ";"} or
 *     {@code " "}; null for a single value
 * @param prefix what precedes the signature (in each item of a list); items with another prefix
 *     are ignored
 * @param encoding how the signature's bytes are written (not read for a token)
 * @param secretFormat how the secrets are written
 * @param timestamp where the signed timestamp is; null for a scheme without one
 * @param timestampUnit how the timestamp is written
 * @param tolerance the scheme's default replay window, when the config sets none
 * @param bodyHash a query parameter that holds the hex SHA-256 of the body, so signing the URL
 *     signs the body (Twilio's JSON deliveries); null for none
 * @param refusalStatus the HTTP status of a signature refusal (7028, 7029, 7042) where the
 *     provider requires one; 0 keeps each code's own
 * @param deliveryId the provider's delivery id, a header name or a JsonPath ({@code $.id}), used as
 *     the idempotency key of an endpoint that sets none; null for none
 * @param successStatus the HTTP status the provider counts as delivered, used by an endpoint without
 *     an {@code answer}; 0 for the default
 * @param handshake the name of the provider's verification handshake, for the ingest path that
 *     answers it; null for none
 */
public record SignatureDeclaration(
        SignatureAlgorithm algorithm,
        List<SignedPart> signed,
        ValueSource signature,
        String list,
        String prefix,
        SignatureEncoding encoding,
        SecretFormat secretFormat,
        ValueSource timestamp,
        TimestampUnit timestampUnit,
        Duration tolerance,
        ValueSource bodyHash,
        int refusalStatus,
        String deliveryId,
        int successStatus,
        String handshake) {
    /** The replay window of a timestamped scheme that names none. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    public SignatureDeclaration {
        signed = List.copyOf(signed);
        prefix = prefix == null ? "" : prefix;
        tolerance = tolerance == null ? DEFAULT_TOLERANCE : tolerance;
    }

    /** Whether verifying reads fields of the body (form or JSON), which costs a parse. */
    public boolean readsBodyFields() {
        return signed.stream().anyMatch(p -> p.kind().inBody())
                || !signature.inHeaders()
                || timestamp != null && !timestamp.inHeaders();
    }

    /** This declaration with the generic scheme's settings a config may change. */
    public SignatureDeclaration with(
            SignatureAlgorithm algorithm, String header, SignatureEncoding encoding, String prefix) {
        return new SignatureDeclaration(
                algorithm == null ? this.algorithm : algorithm,
                signed,
                header == null ? signature : new ValueSource(ValueSource.Kind.HEADER, header),
                list,
                prefix == null ? this.prefix : prefix,
                encoding == null ? this.encoding : encoding,
                secretFormat,
                timestamp,
                timestampUnit,
                tolerance,
                bodyHash,
                refusalStatus,
                deliveryId,
                successStatus,
                handshake);
    }
}
