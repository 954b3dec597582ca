package dev.inlet.config;

import java.time.Duration;

/**
 * JWT settings of a service: exactly one source of key material ({@code secret} for HS256/384/512,
 * {@code publicKey} PEM for RS/ES/PS, or {@code jwksUrl}, an http(s) URL or a file path).
 */
public record JwtConfig(
        String secret, String publicKey, String jwksUrl, String issuer, String audience, Duration leeway) {
    @Override
    public String toString() {
        return "JwtConfig[secret=" + (secret == null ? "" : "***") + ", publicKey=" + (publicKey == null ? "" : "PEM")
                + ", jwksUrl=" + jwksUrl + ", issuer=" + issuer + ", audience=" + audience + ", leeway=" + leeway + "]";
    }
}
