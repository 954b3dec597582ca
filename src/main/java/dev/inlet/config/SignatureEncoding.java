package dev.inlet.config;

/** How a signature's bytes travel: hex of either case, standard base64 or URL-safe base64 (padding optional). */
public enum SignatureEncoding {
    HEX,
    BASE64,
    BASE64URL
}
