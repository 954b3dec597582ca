package dev.inlet.admin;

import dev.inlet.config.EndpointConfig;
import dev.inlet.config.InletConfig;
import dev.inlet.ingest.EndpointDirectory;
import dev.inlet.queue.DeadLetters;
import dev.inlet.variables.VariableNames;
import io.vertx.ext.web.Router;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The admin API, mounted on the HTTP verticles' router only when {@code admin.token} is set (else
 * its paths answer 7043 like any unknown route). Every route needs the Bearer token first:
 * <ul>
 *   <li>{@code POST /v1/endpoints/{id}/parse}: a sample's variables, names saved ({@link ParseHandler})</li>
 *   <li>{@code GET /v1/endpoints/{id}/variables?prefix=}: saved names by prefix ({@link VariablesHandler})</li>
 *   <li>{@code GET /v1/admin/dead-letters}, {@code POST /v1/admin/dead-letters/{id}/replay} ({@link DeadLetterHandler})</li>
 * </ul>
 */
public final class AdminRoutes implements Consumer<Router> {
    private final AdminAuthHandler auth;
    private final ParseHandler parse;
    private final VariablesHandler variables;
    private final DeadLetterHandler deadLetters;
    private final long sampleLimit;

    private AdminRoutes(
            InletConfig config, Supplier<EndpointDirectory> directory, VariableNames names, DeadLetters deadLetters) {
        this.auth = AdminAuthHandler.create(config.admin().token());
        this.parse = ParseHandler.create(directory, names, dev.inlet.variables.FlattenLimits.of(config.workers()));
        this.variables = VariablesHandler.create(directory, names);
        this.deadLetters = DeadLetterHandler.create(deadLetters);
        // A sample may be as large as the largest event an endpoint accepts.
        this.sampleLimit = config.endpoints().stream()
                .mapToLong(EndpointConfig::maxBodySize)
                .reduce(config.server().maxBodySize(), Math::max);
    }

    /** The routes for a config whose admin token is set; shared by all HTTP verticles. */
    public static AdminRoutes create(
            InletConfig config, Supplier<EndpointDirectory> directory, VariableNames names, DeadLetters deadLetters) {
        return new AdminRoutes(config, directory, names, deadLetters);
    }

    @Override
    public void accept(Router router) {
        // The token is checked before any body is read.
        router.route("/v1/endpoints/*").handler(auth);
        router.route("/v1/admin/*").handler(auth);
        router.post("/v1/endpoints/:id/parse")
                .handler(SampleBody.create(sampleLimit))
                .handler(parse);
        router.get("/v1/endpoints/:id/variables").handler(variables);
        router.get("/v1/admin/dead-letters").handler(deadLetters.list());
        router.post("/v1/admin/dead-letters/:id/replay").handler(deadLetters.replay());
    }
}
