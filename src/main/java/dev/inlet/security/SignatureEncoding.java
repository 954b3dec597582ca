package dev.inlet.security;

/** How a signature's bytes travel in its header. */
public enum SignatureEncoding { HEX, BASE64 }
