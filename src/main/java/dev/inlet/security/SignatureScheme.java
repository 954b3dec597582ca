package dev.inlet.security;

/** The signature schemes an endpoint can require; names are the config's {@code signature.scheme} values. */
public enum SignatureScheme { HMAC, GITHUB, STRIPE, SHOPIFY, SLACK, STANDARD }
