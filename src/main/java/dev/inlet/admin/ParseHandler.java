package dev.inlet.admin;

import dev.inlet.config.PayloadFormat;
import dev.inlet.ingest.Endpoint;
import dev.inlet.ingest.EndpointDirectory;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.ingest.Responses;
import dev.inlet.variables.FlattenLimits;
import dev.inlet.variables.Flattened;
import dev.inlet.variables.MalformedPayloadException;
import dev.inlet.variables.Payload;
import dev.inlet.variables.VariableNames;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/endpoints/{id}/parse}: flattens a sample body in the endpoint's format (for an
 * {@code auto} endpoint, the one Content-Type names) within the workers' flatten limits, saves the
 * names in the endpoint's sample set, and answers
 * {@code {"variables": {"data.attributes.title": "…", …}, "saved": true}} in document order, with
 * {@code "truncated": "variables truncated at …"} when a limit left variables out, and
 * {@code "saved": false, "reason": "…"} when the sample set has no room for its new names, and
 * {@code "notes": "…"} when the flattening noted something (a declared JSON field without JSON).
 * A form or multipart sample is flattened as its events are, with the endpoint's {@code jsonFields}
 * and, for multipart, the boundary of the sample's Content-Type. Unknown endpoint 7008; a body that
 * is not well-formed 7000 (JSON), 7027 (XML), 7048 (form) or 7049 (multipart); an auto endpoint
 * with a Content-Type naming none of the formats 7041.
 */
public final class ParseHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ParseHandler.class);

    private final Supplier<EndpointDirectory> directory;
    private final VariableNames names;
    private final FlattenLimits limits;

    private ParseHandler(Supplier<EndpointDirectory> directory, VariableNames names, FlattenLimits limits) {
        this.directory = directory;
        this.names = names;
        this.limits = limits;
    }

    /** @param limits the workers' ({@code workers.maxVariables} …), so a sample flattens as its events will */
    public static ParseHandler create(
            Supplier<EndpointDirectory> directory, VariableNames names, FlattenLimits limits) {
        return new ParseHandler(directory, names, limits);
    }

    @Override
    public void handle(RoutingContext ctx) {
        Endpoint endpoint = directory.get().find(ctx.pathParam("id"));
        if (endpoint == null) {
            Responses.send(ctx, ResponseCode.UNKNOWN_ENDPOINT);
            return;
        }
        String contentType = ctx.request().getHeader("Content-Type");
        PayloadFormat format = endpoint.config().format().resolve(contentType);
        if (format == null) {
            Responses.send(ctx, ResponseCode.UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        byte[] bytes = SampleBody.of(ctx);
        ctx.vertx()
                .executeBlocking(
                        () -> Payload.of(
                                        bytes,
                                        format,
                                        contentType,
                                        endpoint.config().jsonFields(),
                                        null,
                                        null,
                                        limits,
                                        heap -> {})
                                .flattened(),
                        false)
                .onComplete(parsed -> {
                    if (parsed.failed()) {
                        if (parsed.cause() instanceof MalformedPayloadException) {
                            Responses.send(ctx, ResponseCode.malformed(format));
                        } else {
                            ctx.fail(parsed.cause());
                        }
                        return;
                    }
                    Flattened flattened = parsed.result();
                    names.save(endpoint.id(), flattened.variables().keySet()).onComplete(saved -> {
                        if (saved.failed()) {
                            LOG.warn(
                                    "endpoint={} sample variable names not saved: {}",
                                    endpoint.id(),
                                    saved.cause().toString());
                            Responses.send(ctx, ResponseCode.INTERNAL_ERROR, null, 1);
                            return;
                        }
                        JsonObject answer = new JsonObject()
                                .put("variables", new JsonObject(new LinkedHashMap<>(flattened.variables())));
                        if (flattened.isTruncated()) {
                            answer.put("truncated", flattened.truncated());
                        }
                        if (flattened.notes() != null) {
                            answer.put("notes", flattened.notes());
                        }
                        answer.put("saved", saved.result().saved());
                        if (!saved.result().saved()) {
                            answer.put("reason", saved.result().reason());
                        }
                        ctx.json(answer);
                    });
                });
    }
}
