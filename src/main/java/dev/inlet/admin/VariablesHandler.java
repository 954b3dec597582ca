package dev.inlet.admin;

import dev.inlet.ingest.Endpoint;
import dev.inlet.ingest.EndpointDirectory;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.ingest.Responses;
import dev.inlet.variables.VariableNames;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code GET /v1/endpoints/{id}/variables?prefix=data.att&count=100&after=}: the variable names
 * of the endpoint's sample set and of its live names, merged, starting with {@code prefix}, in byte
 * order, as {@code {"variables": [...]}}. A leading {@code $} (or {@code $.}) of the prefix is ignored, so
 * what an author is typing can be sent as it is. {@code count} defaults to 100, at most 1000;
 * {@code after} is the last name of the previous page.
 */
public final class VariablesHandler implements Handler<RoutingContext> {
    static final int DEFAULT_COUNT = 100;

    private final Supplier<EndpointDirectory> directory;
    private final VariableNames names;

    private VariablesHandler(Supplier<EndpointDirectory> directory, VariableNames names) {
        this.directory = directory;
        this.names = names;
    }

    public static VariablesHandler create(Supplier<EndpointDirectory> directory, VariableNames names) {
        return new VariablesHandler(directory, names);
    }

    @Override
    public void handle(RoutingContext ctx) {
        Endpoint endpoint = directory.get().find(ctx.pathParam("id"));
        if (endpoint == null) {
            Responses.send(ctx, ResponseCode.UNKNOWN_ENDPOINT);
            return;
        }
        Integer count = AdminParams.count(ctx, DEFAULT_COUNT, VariableNames.MAX_PAGE);
        if (count == null) {
            Responses.send(ctx, ResponseCode.BAD_REQUEST);
            return;
        }
        String prefix = prefix(ctx.queryParams().get("prefix"));
        names.find(endpoint.id(), prefix, ctx.queryParams().get("after"), count).onComplete(ar -> {
            if (ar.failed()) {
                Responses.send(ctx, ResponseCode.INTERNAL_ERROR, null, 1);
                return;
            }
            ctx.json(new JsonObject().put("variables", new JsonArray(ar.result())));
        });
    }

    static String prefix(String raw) {
        if (raw == null) {
            return "";
        }
        String p = raw.strip();
        if (p.startsWith("$")) {
            p = p.substring(1);
            // Names never start with a dot: "$.data" is JsonPath habit for "data".
            if (p.startsWith(".")) {
                p = p.substring(1);
            }
        }
        return p;
    }
}
