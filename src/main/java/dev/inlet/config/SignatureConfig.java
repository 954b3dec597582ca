package dev.inlet.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Signature settings of an endpoint: the scheme's name (a preset or {@code custom}), its
 * declaration as resolved (the preset's, with the generic scheme's overrides applied), every
 * secret that currently verifies, the public key of the asymmetric schemes, whether a signature
 * is mandatory, and the replay window (left null: the declaration's). {@code verifyTokens} are
 * what a GET handshake (Meta's) must carry; empty for every other scheme. {@code handshake} names
 * the verification handshake answered ({@link HandshakeTable}): by default the one the preset's
 * declaration names, else {@code none}.
 */
public record SignatureConfig(
        String scheme,
        SignatureDeclaration declaration,
        List<String> secrets,
        String publicKey,
        boolean mandatory,
        Duration tolerance,
        List<String> verifyTokens,
        String handshake) {
    public SignatureConfig {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(declaration, "declaration");
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        tolerance = tolerance == null ? declaration.tolerance() : tolerance;
        verifyTokens = verifyTokens == null ? List.of() : List.copyOf(verifyTokens);
        if (handshake == null) {
            String own = declaration.handshake();
            handshake = HandshakeTable.entry(own) == null ? HandshakeTable.NONE : own;
        }
    }

    /** Settings without a verify token or a handshake of their own (the preset's, if any). */
    public SignatureConfig(
            String scheme,
            SignatureDeclaration declaration,
            List<String> secrets,
            String publicKey,
            boolean mandatory,
            Duration tolerance) {
        this(scheme, declaration, secrets, publicKey, mandatory, tolerance, List.of(), null);
    }

    /** A preset's settings with these secrets, mandatory, its own tolerance. */
    public static SignatureConfig preset(String scheme, String... secrets) {
        SignatureDeclaration declaration = SignaturePresets.find(scheme);
        if (declaration == null) {
            throw new IllegalArgumentException("no signature preset " + scheme);
        }
        return new SignatureConfig(scheme, declaration, List.of(secrets), null, true, null);
    }

    @Override
    public String toString() {
        return "SignatureConfig[scheme=" + scheme + ", declaration=" + declaration + ", secrets=" + secrets.size()
                + ", publicKey=" + (publicKey == null ? "none" : "set") + ", mandatory=" + mandatory
                + ", tolerance=" + tolerance + ", verifyTokens=" + verifyTokens.size() + ", handshake=" + handshake
                + "]";
    }
}
