package dev.inlet.ingest;

import dev.inlet.config.AuthMode;
import dev.inlet.security.ConstantTime;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * The credential in header {@code key} (or {@code Authorization}), a service key or a JWT, per the
 * endpoint's {@code auth}: none present 7002, present but wrong 7001. Keys compare in constant time;
 * credentials are never logged.
 */
public final class AuthHandler implements Handler<Exchange> {
    /** The header senders put the credential in. */
    public static final String KEY_HEADER = "key";

    private AuthHandler() {}

    public static AuthHandler create() {
        return new AuthHandler();
    }

    @Override
    public void handle(Exchange ex) {
        Endpoint endpoint = ex.endpoint();
        AuthMode mode = endpoint.config().auth();
        if (mode == AuthMode.NONE) {
            ex.next();
            return;
        }
        String credential = credential(ex);
        if (credential == null) {
            ex.refuse(
                    ResponseCode.SERVICE_KEY_MISSING,
                    () -> "no credential in header " + KEY_HEADER + " or Authorization (auth: "
                            + mode.name().toLowerCase(java.util.Locale.ROOT) + ")");
            return;
        }
        boolean tryJwt =
                endpoint.jwt() != null && (mode == AuthMode.JWT || (mode == AuthMode.ANY && looksLikeJwt(credential)));
        if (tryJwt) {
            endpoint.jwt().verify(credential).onComplete(ar -> {
                if (ar.succeeded()) {
                    ex.next();
                } else {
                    String why = ar.cause().getMessage();
                    ex.refuse(ResponseCode.AUTHENTICATION_FAILED, () -> why);
                }
            });
            return;
        }
        if (mode != AuthMode.JWT && matchesKey(endpoint, credential)) {
            ex.next();
            return;
        }
        ex.refuse(ResponseCode.AUTHENTICATION_FAILED, () -> wrongKey(ex, endpoint, mode, credential.length()));
    }

    /** Why a credential that is not a JWT was refused: its header, its length, how many keys it was compared with. */
    private static String wrongKey(Exchange ex, Endpoint endpoint, AuthMode mode, int length) {
        String header = ex.request().getHeader(KEY_HEADER) == null
                        || ex.request().getHeader(KEY_HEADER).isBlank()
                ? "Authorization"
                : "header " + KEY_HEADER;
        if (mode == AuthMode.JWT) {
            return "the credential in " + header + " is not a JWT, and auth is jwt (service "
                    + endpoint.service().id() + " has no JWT settings)";
        }
        int keys = endpoint.serviceKeys().size();
        return "the " + length + "-character credential in " + header + " matches none of service "
                + endpoint.service().id() + "'s " + keys + " key" + (keys == 1 ? "" : "s")
                + (endpoint.jwt() == null ? "" : " and does not look like a JWT");
    }

    /** The raw credential: header {@code key}, else {@code Authorization}; a {@code Bearer } prefix is dropped. */
    static String credential(Exchange ex) {
        String value = ex.request().getHeader(KEY_HEADER);
        if (value == null || value.isBlank()) {
            value = ex.request().getHeader(HttpHeaders.AUTHORIZATION);
        }
        if (value == null) {
            return null;
        }
        value = value.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).trim();
        }
        return value.isEmpty() ? null : value;
    }

    private static boolean looksLikeJwt(String credential) {
        int first = credential.indexOf('.');
        return credential.startsWith("eyJ") && first > 0 && credential.indexOf('.', first + 1) > first;
    }

    private static boolean matchesKey(Endpoint endpoint, String credential) {
        byte[] presented = credential.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        // Compare with every key, without stopping early, so timing does not tell which key is close.
        for (byte[] key : endpoint.serviceKeys()) {
            match |= ConstantTime.equals(presented, key);
        }
        return match;
    }
}
