package dev.inlet.config;

import java.util.Locale;

/**
 * The one forwarding header believed from {@code server.trustedProxies} ({@code server.forwardedHeader}):
 * the one the proxy in front of Inlet writes. The other is ignored, so a client cannot add it
 * itself and choose its address.
 */
public enum ForwardedHeader {
    X_FORWARDED_FOR("x-forwarded-for", "X-Forwarded-For"),
    FORWARDED("forwarded", "Forwarded");

    private final String configName;
    private final String headerName;

    ForwardedHeader(String configName, String headerName) {
        this.configName = configName;
        this.headerName = headerName;
    }

    /** The value in config. */
    public String configName() {
        return configName;
    }

    /** The request header's name. */
    public String headerName() {
        return headerName;
    }

    /** The header a config value names, case-insensitively; null for anything else. */
    public static ForwardedHeader named(String value) {
        String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (ForwardedHeader h : values()) {
            if (h.configName.equals(name)) {
                return h;
            }
        }
        return null;
    }
}
