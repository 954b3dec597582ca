package dev.inlet.config;

import java.util.List;

/** A service owns endpoints and the credentials that senders present. {@code jwt} may be null. */
public record ServiceConfig(
        String id, boolean active, List<String> keys, JwtConfig jwt, List<String> allowIps, LimitConfig limit) {
    @Override
    public String toString() {
        return "ServiceConfig[id=" + id + ", active=" + active + ", keys=" + keys.size() + ", jwt=" + jwt
                + ", allowIps=" + allowIps + ", limit=" + limit + "]";
    }
}
