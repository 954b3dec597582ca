package dev.inlet.ingest;

import dev.inlet.config.SignatureConfig;
import dev.inlet.security.PublicUrl;
import dev.inlet.security.SignatureRefusal;
import dev.inlet.security.SignatureVerifier;
import dev.inlet.security.SignedRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.util.function.Supplier;

/**
 * The endpoint's signature, in two passes. {@link #headers()} runs before the body is read and
 * refuses what the headers alone condemn, so such a request never holds body memory: missing and
 * mandatory 7029, malformed 7028, timestamp outside the tolerance 7042. {@link #create} then
 * checks the signature over the exact body bytes before anything parses them: wrong 7028 (and
 * 7042 for a timestamp that went stale while the body arrived). A scheme that reads fields of a
 * body over {@link CheckPool#INLINE_LIMIT} is checked on the check pool. A refusal has the
 * status the provider requires where its preset names one (Discord: 401), with the same code. The
 * URL a scheme signs is the one the sender addressed, behind trusted proxies ({@link PublicUrl}).
 */
public final class SignatureHandler implements io.vertx.core.Handler<Exchange> {
    private final Supplier<EndpointDirectory> directory;
    private final CheckPool pool;

    private SignatureHandler(Supplier<EndpointDirectory> directory, CheckPool pool) {
        this.directory = directory;
        this.pool = pool;
    }

    /** The check of the signature headers alone, before the body is read. */
    public static SignatureHandler headers() {
        return new SignatureHandler(null, null);
    }

    /** The full check, over the body. */
    public static SignatureHandler create(Supplier<EndpointDirectory> directory, CheckPool pool) {
        return new SignatureHandler(directory, pool);
    }

    @Override
    public void handle(Exchange ex) {
        SignatureVerifier verifier = ex.endpoint().signature();
        if (verifier == null) {
            ex.next();
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        HttpServerRequest request = ex.request();
        if (directory == null) {
            judge(ex, verifier, verifier.precheckRefusal(request::getHeader, now), -1);
            return;
        }
        byte[] body = ex.body();
        SignedRequest signed = new Signed(request, directory.get());
        if (verifier.readsBodyFields() && body.length > CheckPool.INLINE_LIMIT) {
            pool.run(
                    ex,
                    () -> verifier.refusal(signed, body, now),
                    refusal -> judge(ex, verifier, refusal, body.length));
        } else {
            judge(ex, verifier, verifier.refusal(signed, body, now), body.length);
        }
    }

    /** Passes a request with no {@code refusal}, else refuses it with the code of its reason and its diagnosis. */
    private static void judge(Exchange ex, SignatureVerifier verifier, SignatureRefusal refusal, long bodyBytes) {
        if (refusal == null) {
            ex.next();
            return;
        }
        SignatureConfig config = ex.endpoint().config().signature();
        int status = config.declaration().refusalStatus();
        Diagnosis why = () -> verifier.describe(refusal, bodyBytes);
        switch (refusal.reason().verdict()) {
            case MISSING -> {
                if (config.mandatory()) {
                    ex.refuse(ResponseCode.SIGNATURE_MISSING, status, why);
                } else {
                    ex.next();
                }
            }
            case STALE -> ex.refuse(ResponseCode.TIMESTAMP_OUT_OF_TOLERANCE, status, why);
            default -> ex.refuse(ResponseCode.INVALID_SIGNATURE, status, why);
        }
    }

    /**
     * The request as a signature reads it; the URL is worked out when a scheme asks for it. Read
     * from the check pool, so what it reads of the request (headers, method, target, peer) is taken
     * on the event loop first.
     */
    private static final class Signed implements SignedRequest {
        private final io.vertx.core.MultiMap headers;
        private final String method;
        private final String target;
        private final String scheme;
        private final String host;
        private final String peer;
        private final EndpointDirectory directory;
        private String url;

        Signed(HttpServerRequest request, EndpointDirectory directory) {
            this.headers = request.headers();
            this.method = request.method().name();
            this.target = request.uri();
            this.scheme = request.scheme() == null ? "http" : request.scheme();
            HostAndPort authority = request.authority();
            this.host = authority == null
                    ? null
                    : authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
            SocketAddress remote = request.connection().remoteAddress();
            this.peer = remote == null ? null : remote.hostAddress();
            this.directory = directory;
        }

        @Override
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String url() {
            if (url == null) {
                url = PublicUrl.resolve(
                        peer,
                        directory.trustedProxies(),
                        directory.forwardedHeader(),
                        scheme,
                        host,
                        target,
                        headers::getAll);
            }
            return url;
        }

        @Override
        public String pathAndQuery() {
            return target;
        }
    }
}
