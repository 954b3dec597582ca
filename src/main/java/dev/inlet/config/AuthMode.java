package dev.inlet.config;

/** Which credential an endpoint requires in header {@code key} (or Authorization). */
public enum AuthMode {
    KEY,
    JWT,
    ANY,
    NONE
}
