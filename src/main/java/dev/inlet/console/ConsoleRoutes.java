package dev.inlet.console;

import dev.inlet.admin.AdminRoutes;
import dev.inlet.config.InletConfig;
import dev.inlet.history.HistoryKeys;
import dev.inlet.ingest.EndpointDirectory;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.ingest.Responses;
import dev.inlet.metrics.StreamGauges;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The web console at {@code /console}, mounted beside the admin API only when {@code admin.token}
 * is set: its pages ({@link ConsoleFiles}), every answer with the console's headers ({@link
 * ConsoleHeaders}), and under {@code /console/api/} the session ({@link ConsoleSession}), the admin
 * API's own handlers ({@link AdminRoutes#mount}) and the console's routes, all behind the session
 * and its CSRF token. Shared by all HTTP verticles.
 */
public final class ConsoleRoutes implements Consumer<Router> {
    private static final String API_PREFIX = "/console/api";

    private final AdminRoutes admin;
    private final ConsoleSession session;
    private final ConsoleFiles files = new ConsoleFiles();
    private final ConsoleOverview overview;
    private final ConsoleEndpoints endpoints;
    private final ConsoleTail tail;
    private final ConsoleTestRequest testRequest;

    private ConsoleRoutes(
            String token,
            Supplier<InletConfig> config,
            Supplier<EndpointDirectory> directory,
            AdminRoutes admin,
            Redis redis,
            StreamGauges gauges) {
        this.admin = admin;
        this.overview = new ConsoleOverview(
                config, redis, HistoryKeys.of(config.get().redis().stream()), gauges, System::currentTimeMillis);
        this.endpoints = new ConsoleEndpoints(config);
        this.session = new ConsoleSession(
                token,
                new Sessions(System::currentTimeMillis),
                new SignInThrottle(System::currentTimeMillis),
                directory);
        this.tail = new ConsoleTail(admin.feed(), session::live);
        this.testRequest = new ConsoleTestRequest(config, directory, System::currentTimeMillis);
    }

    /**
     * @param config the configuration in force (after any reload); its admin token, which the
     *     sign-in asks for, is set
     * @param admin the admin API whose handlers the console reaches with its session
     * @param redis the client of the console's reads (counts, PING)
     * @param gauges the stream's reading, for the overview
     */
    public static ConsoleRoutes create(
            Supplier<InletConfig> config,
            Supplier<EndpointDirectory> directory,
            AdminRoutes admin,
            Redis redis,
            StreamGauges gauges) {
        String token = config.get().admin().token();
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("an empty admin token turns the console off; do not mount it");
        }
        return new ConsoleRoutes(token, config, directory, admin, redis, gauges);
    }

    @Override
    public void accept(Router router) {
        ConsoleHeaders headers = new ConsoleHeaders();
        router.route("/console").handler(headers);
        router.route(ConsoleFiles.PREFIX + "*").handler(headers);
        router.get("/console").handler(ctx -> {
            if (!"/console".equals(ctx.request().path())) {
                ctx.next();
                return;
            }
            ctx.response()
                    .setStatusCode(302)
                    .putHeader("Location", ConsoleFiles.PREFIX)
                    .end();
        });
        session.mount(router);
        admin.mount(router, API_PREFIX);
        router.get(API_PREFIX + "/overview").handler(overview);
        router.get(API_PREFIX + "/endpoints/:id").handler(endpoints::config);
        router.get(API_PREFIX + "/endpoints/:id/tail").handler(tail);
        router.post(API_PREFIX + "/endpoints/:id/test-request")
                .handler(testRequest::handle)
                .handler(testRequest::answer);
        router.route(ConsoleHeaders.API + "*").handler(ctx -> Responses.send(ctx, ResponseCode.NOT_FOUND));
        router.get(ConsoleFiles.PREFIX + "*").handler(files);
    }
}
