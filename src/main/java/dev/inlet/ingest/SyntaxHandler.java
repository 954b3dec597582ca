package dev.inlet.ingest;

import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.PayloadSyntax;
import java.util.Optional;

/**
 * The body must be well-formed in the endpoint's format (JSON 7000, XML 7027). An {@code auto}
 * endpoint picks the format from Content-Type (7041 when it names neither). Checked with streaming,
 * hardened parsers; bodies above {@link CheckPool#INLINE_LIMIT} are checked on ingest's own
 * {@link CheckPool}, within its deadline.
 */
public final class SyntaxHandler implements io.vertx.core.Handler<Exchange> {
    private final CheckPool pool;

    private SyntaxHandler(CheckPool pool) {
        this.pool = pool;
    }

    public static SyntaxHandler create(CheckPool pool) {
        return new SyntaxHandler(pool);
    }

    @Override
    public void handle(Exchange ex) {
        Endpoint endpoint = ex.endpoint();
        PayloadFormat format = endpoint.config().format().resolve(ex.request().getHeader("Content-Type"));
        if (format == null) {
            ex.answer(ResponseCode.UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        ex.format(format);
        byte[] body = ex.body();
        if (body.length <= CheckPool.INLINE_LIMIT) {
            answer(ex, format, check(format, body));
        } else {
            pool.run(ex, () -> check(format, body), problem -> answer(ex, format, problem));
        }
    }

    private static Optional<String> check(PayloadFormat format, byte[] bytes) {
        return format == PayloadFormat.XML ? PayloadSyntax.checkXml(bytes) : PayloadSyntax.checkJson(bytes);
    }

    private static void answer(Exchange ex, PayloadFormat format, Optional<String> problem) {
        if (problem.isEmpty()) {
            ex.next();
        } else {
            ex.answer(format == PayloadFormat.XML ? ResponseCode.INVALID_XML : ResponseCode.INVALID_JSON);
        }
    }
}
