package dev.inlet.config;

/** How a signature's bytes travel in its header. */
public enum SignatureEncoding {
    HEX,
    BASE64
}
