package dev.inlet.console;

import dev.inlet.admin.AdminAnswers;
import dev.inlet.admin.SampleBody;
import dev.inlet.ingest.EndpointDirectory;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.ingest.Responses;
import dev.inlet.security.ClientAddress;
import dev.inlet.security.ConstantTime;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sign-in, sign-out and the guard of every other console API route. {@code POST
 * /console/api/session} with {@code {"token": "<admin.token>"}} (compared in constant time) opens a
 * session: the cookie {@code inlet_console} (HttpOnly, SameSite=Strict, Path=/console, Secure over
 * TLS) and, in the answer only, its CSRF token; a wrong token is 7046 / 401 and counts against the
 * client address ({@link SignInThrottle}: 7020 / 429 with Retry-After once spent). Every other
 * {@code /console/api/} route needs the cookie (else 7046 / 401) and, for POST, PUT, PATCH and
 * DELETE, {@code X-CSRF-Token} equal to the session's (else 7052 / 403).
 */
final class ConsoleSession {
    static final String COOKIE = "inlet_console";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION_PATH = "/console/api/session";
    private static final int SIGN_IN_BYTES = 4096;
    private static final Set<HttpMethod> CHANGING =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final String token;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final Supplier<EndpointDirectory> directory;

    ConsoleSession(String token, Sessions sessions, SignInThrottle throttle, Supplier<EndpointDirectory> directory) {
        this.token = token;
        this.sessions = sessions;
        this.throttle = throttle;
        this.directory = directory;
    }

    /** The guard on every API route, then the session's own routes. */
    void mount(Router router) {
        router.route(ConsoleHeaders.API + "*").handler(this::guard);
        router.post(SESSION_PATH).handler(SampleBody.create(SIGN_IN_BYTES)).handler(this::signIn);
        router.get(SESSION_PATH).handler(ctx -> answer(ctx, session(ctx)));
        router.delete(SESSION_PATH).handler(this::signOut);
    }

    private void guard(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (req.method() == HttpMethod.POST && SESSION_PATH.equals(req.path())) {
            ctx.next();
            return;
        }
        Cookie cookie = req.getCookie(COOKIE);
        Sessions.Session s = cookie == null ? null : sessions.find(cookie.getValue());
        if (s == null) {
            Responses.send(ctx, ResponseCode.ADMIN_UNAUTHORIZED);
            return;
        }
        if (CHANGING.contains(req.method())) {
            String csrf = req.getHeader(CSRF_HEADER);
            if (csrf == null || !ConstantTime.equals(csrf, s.csrf())) {
                Responses.send(ctx, ResponseCode.CSRF_REFUSED);
                return;
            }
        }
        ctx.put(COOKIE, s);
        ctx.next();
    }

    /** Whether {@code s} still holds: not signed out, not expired. */
    boolean live(Sessions.Session s) {
        return sessions.find(s.id()) == s;
    }

    /** The session the guard let through. */
    static Sessions.Session session(RoutingContext ctx) {
        return ctx.get(COOKIE);
    }

    private void signIn(RoutingContext ctx) {
        String client = client(ctx.request());
        long retry = throttle.retryAfterSeconds(client);
        if (retry > 0) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retry));
            AdminAnswers.refuse(
                    ctx,
                    ResponseCode.LIMIT_REACHED,
                    SignInThrottle.FAILURES + " failed sign-ins from this address this minute; retry in " + retry
                            + " s");
            return;
        }
        String presented = presentedToken(SampleBody.of(ctx));
        if (presented == null || !ConstantTime.equals(presented, token)) {
            throttle.failed(client);
            Responses.send(ctx, ResponseCode.ADMIN_UNAUTHORIZED);
            return;
        }
        Sessions.Session s = sessions.open();
        long maxAge = Sessions.TTL_MILLIS / 1000;
        ctx.response()
                .putHeader(
                        HttpHeaders.SET_COOKIE,
                        COOKIE + "=" + s.id() + "; Path=/console; HttpOnly; SameSite=Strict; Max-Age=" + maxAge
                                + (ctx.request().isSSL() ? "; Secure" : ""));
        answer(ctx, s);
    }

    private void signOut(RoutingContext ctx) {
        sessions.close(session(ctx));
        ctx.response()
                .putHeader(
                        HttpHeaders.SET_COOKIE,
                        COOKIE + "=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0"
                                + (ctx.request().isSSL() ? "; Secure" : ""));
        ctx.response().setStatusCode(204).end();
    }

    private static void answer(RoutingContext ctx, Sessions.Session s) {
        ctx.json(new JsonObject().put("csrf", s.csrf()).put("expiresAt", s.expiresAt()));
    }

    /** The {@code token} of a sign-in body; null when the body is no JSON object with a string token. */
    private static String presentedToken(byte[] body) {
        try {
            Object value = new JsonObject(io.vertx.core.buffer.Buffer.buffer(body)).getValue("token");
            return value instanceof String s ? s : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The client address as the ingest path sees it (trusted proxies and their header). */
    private String client(HttpServerRequest req) {
        SocketAddress remote = req.remoteAddress();
        String peer = remote == null ? "" : remote.hostAddress();
        EndpointDirectory d = directory.get();
        return ClientAddress.resolve(
                peer,
                d.trustedProxies(),
                d.forwardedHeader(),
                req.headers().getAll(d.forwardedHeader().headerName()));
    }
}
