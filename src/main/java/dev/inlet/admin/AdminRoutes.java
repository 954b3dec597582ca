package dev.inlet.admin;

import dev.inlet.config.EndpointConfig;
import dev.inlet.config.InletConfig;
import dev.inlet.history.HistoryKeys;
import dev.inlet.ingest.EndpointDirectory;
import dev.inlet.queue.DeadLetters;
import dev.inlet.queue.StreamNames;
import dev.inlet.variables.FlattenLimits;
import dev.inlet.variables.VariableNames;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The admin API, mounted on the HTTP verticles' router only when {@code admin.token} is set (else
 * its paths answer 7043 like any unknown route). Every route needs the Bearer token first:
 * <ul>
 *   <li>{@code POST /v1/endpoints/{id}/parse}: a sample's variables, names saved ({@link ParseHandler})</li>
 *   <li>{@code GET /v1/endpoints/{id}/variables?prefix=}: saved names by prefix ({@link VariablesHandler})</li>
 *   <li>{@code GET /v1/admin/dead-letters}, {@code POST /v1/admin/dead-letters/{id}/replay} ({@link DeadLetterHandler})</li>
 *   <li>{@code GET /v1/endpoints/{id}/events}, {@code GET /v1/endpoints/{id}/events/{eventId}}: the
 *       endpoint's history ({@link HistoryHandler})</li>
 *   <li>{@code POST /v1/endpoints/{id}/events/{eventId}/replay}, {@code POST
 *       /v1/endpoints/{id}/events/replay}: replay from it ({@link HistoryReplay})</li>
 * </ul>
 * The console mounts the same handlers again under {@code /console/api}, behind its session
 * ({@link #mount}).
 */
public final class AdminRoutes implements Consumer<Router> {
    private final AdminAuthHandler auth;
    private final ParseHandler parse;
    private final VariablesHandler variables;
    private final DeadLetterHandler deadLetters;
    private final HistoryHandler history;
    private final HistoryReplay replay;
    private final HistoryFeed feed;
    private final long sampleLimit;

    private AdminRoutes(
            InletConfig config,
            Supplier<EndpointDirectory> directory,
            VariableNames names,
            DeadLetters deadLetters,
            Redis redis) {
        FlattenLimits limits = FlattenLimits.of(config.workers());
        this.auth = AdminAuthHandler.create(config.admin().token());
        this.parse = ParseHandler.create(directory, names, limits);
        this.variables = VariablesHandler.create(directory, names);
        this.deadLetters = DeadLetterHandler.create(deadLetters);
        HistoryKeys keys = HistoryKeys.of(config.redis().stream());
        HistoryQuery query = new HistoryQuery(redis, keys, limits);
        this.history = new HistoryHandler(directory, query);
        this.replay = new HistoryReplay(history, query, redis, StreamNames.of(config.redis()));
        this.feed = new HistoryFeed(history, query, redis, keys);
        // A sample may be as large as the largest event an endpoint accepts.
        this.sampleLimit = config.endpoints().stream()
                .mapToLong(EndpointConfig::maxBodySize)
                .reduce(config.server().maxBodySize(), Math::max);
    }

    /**
     * The routes for a config whose admin token is set; shared by all HTTP verticles.
     *
     * @param redis the client of the history's reads and replays' appends
     */
    public static AdminRoutes create(
            InletConfig config,
            Supplier<EndpointDirectory> directory,
            VariableNames names,
            DeadLetters deadLetters,
            Redis redis) {
        return new AdminRoutes(config, directory, names, deadLetters, redis);
    }

    /** The endpoints' new history records, for the console's live tail. */
    public HistoryFeed feed() {
        return feed;
    }

    @Override
    public void accept(Router router) {
        // The token is checked before any body is read.
        router.route("/v1/endpoints/*").handler(auth);
        router.route("/v1/admin/*").handler(auth);
        mount(router, "");
    }

    /**
     * Mounts the routes' handlers under {@code prefix} ("" for the API itself, {@code /console/api}
     * for the console), behind whatever guard the caller mounted there first.
     */
    public void mount(Router router, String prefix) {
        router.post(prefix + "/v1/endpoints/:id/parse")
                .handler(SampleBody.create(sampleLimit))
                .handler(parse);
        router.get(prefix + "/v1/endpoints/:id/variables").handler(variables);
        router.get(prefix + "/v1/admin/dead-letters").handler(deadLetters.list());
        router.post(prefix + "/v1/admin/dead-letters/:id/replay").handler(deadLetters.replay());
        router.get(prefix + "/v1/endpoints/:id/events").handler(history.list());
        router.post(prefix + "/v1/endpoints/:id/events/replay").handler(replay.filtered());
        router.get(prefix + "/v1/endpoints/:id/events/:eventId").handler(history.one());
        router.post(prefix + "/v1/endpoints/:id/events/:eventId/replay").handler(replay.one());
    }
}
