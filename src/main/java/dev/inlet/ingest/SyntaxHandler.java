package dev.inlet.ingest;

import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.PayloadSyntax;
import java.util.Optional;

/**
 * The body must be well-formed in the endpoint's format (JSON 7000, XML 7027, form 7048, multipart
 * 7049, whose Content-Type must name a valid boundary). An {@code auto} endpoint picks the format
 * from Content-Type (7041 when it names none of them). Checked with streaming,
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
        String contentType = ex.request().getHeader("Content-Type");
        PayloadFormat format = endpoint.config().format().resolve(contentType);
        if (format == null) {
            ex.refuse(
                    ResponseCode.UNSUPPORTED_MEDIA_TYPE,
                    () -> "Content-Type " + Diagnosis.quote(contentType)
                            + " is none of JSON, XML, form or multipart (endpoint format: auto)");
            return;
        }
        ex.format(format);
        byte[] body = ex.body();
        if (body.length <= CheckPool.INLINE_LIMIT) {
            answer(ex, format, PayloadSyntax.check(format, body, contentType));
        } else {
            pool.run(ex, () -> PayloadSyntax.check(format, body, contentType), problem -> answer(ex, format, problem));
        }
    }

    private static String label(PayloadFormat format) {
        return switch (format) {
            case XML -> "XML";
            case FORM -> "form";
            case MULTIPART -> "multipart";
            default -> "JSON";
        };
    }

    private static void answer(Exchange ex, PayloadFormat format, Optional<String> problem) {
        if (problem.isEmpty()) {
            ex.next();
        } else {
            String reason = problem.get();
            ex.refuse(ResponseCode.malformed(format), () -> label(format) + ": " + reason);
        }
    }
}
