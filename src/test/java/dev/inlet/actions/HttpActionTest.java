package dev.inlet.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.config.ConfigException;
import dev.inlet.config.ConfigLoader;
import dev.inlet.config.PayloadFormat;
import dev.inlet.queue.PermanentFailure;
import dev.inlet.support.TestRedis;
import dev.inlet.variables.Payload;
import dev.inlet.variables.TemplateSyntax;
import dev.inlet.worker.EventPipeline;
import dev.inlet.worker.Poll;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The http action: what its config check refuses, how its failures read (the url template, never
 * a rendered URL or a value), which fail permanently without a connection, and its bounded pool.
 */
class HttpActionTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of());
    private static final String ENDPOINT = "http-endpoint";

    private static String config(String step) {
        return """
        services: [{ id: s, keys: [k] }]
        endpoints:
          - { id: %s, service: s, format: json, flows: [f] }
        flows:
          - id: f
            steps:
              - %s
        """
                .formatted(ENDPOINT, step);
    }

    private static List<String> problems(String step) {
        try {
            Bindings.compile(LOADER.parse(config(step)), ActionCatalog.load());
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the config to be refused: " + step);
    }

    private static void accepted(String step) {
        Bindings.compile(LOADER.parse(config(step)), ActionCatalog.load());
    }

    @Nested
    class ConfigCheck {
        @Test
        void aVariableBeforeThePathIsRefused() {
            String refusal = "is in the url's scheme or authority: a payload must not choose where an event goes;"
                    + " put variables in the path or the query";
            assertThat(problems("{ action: http, url: \"http://$data.host/hooks\" }"))
                    .containsExactly("flows[0].steps[0].url: $data.host " + refusal);
            assertThat(problems("{ action: http, url: \"$data.base/hooks\" }"))
                    .containsExactly("flows[0].steps[0].url: $data.base " + refusal);
            assertThat(problems("{ action: http, url: \"http://orders.internal:$data.port/hooks\" }"))
                    .containsExactly("flows[0].steps[0].url: $data.port " + refusal);
            assertThat(problems("{ action: http, url: \"https://$data.user@orders.internal/hooks\" }"))
                    .containsExactly("flows[0].steps[0].url: $data.user@orders.internal " + refusal);
            assertThat(problems("{ action: http, url: \"https://api.$data.tenant.example.com/hooks\" }"))
                    .containsExactly("flows[0].steps[0].url: $data.tenant.example.com " + refusal);
        }

        @Test
        void aUrlThatCannotBeAnHttpUrlWithAHostIsRefusedWhateverTheValues() {
            assertThat(problems("{ action: http, url: \"ftp://orders.internal/$data.id\" }"))
                    .containsExactly(
                            "flows[0].steps[0].url: \"ftp://orders.internal/$data.id\" is not an http:// or https:// URL with a host");
            assertThat(problems("{ action: http, url: \"http:///hooks/$data.id\" }"))
                    .containsExactly(
                            "flows[0].steps[0].url: \"http:///hooks/$data.id\" is not an http:// or https:// URL with a host");
            assertThat(problems("{ action: http, url: \"http://orders.internal/a/../$data.id\" }"))
                    .containsExactly(
                            "flows[0].steps[0].url: \"http://orders.internal/a/../$data.id\" has a path segment . or ..");
            assertThat(problems("{ action: http, url: \"http://orders.internal/a b/$data.id\" }"))
                    .containsExactly(
                            "flows[0].steps[0].url: \"http://orders.internal/a b/$data.id\" is not a URL (Illegal character in path)");
        }

        @Test
        void aRefusedUrlIsQuotedWithoutItsUserInfoQueryAndFragment() {
            List<String> problems =
                    problems("{ action: http, url: \"ftp://user:s3cret@orders.internal/x?token=t0ken#frag\" }");
            assertThat(problems)
                    .containsExactly(
                            "flows[0].steps[0].url: \"ftp://orders.internal/x\" is not an http:// or https:// URL with a host");
        }

        @Test
        void templatedUrlsWithVariablesInThePathQueryAndFragmentAreAccepted() {
            accepted("{ action: http, url: \"http://orders.internal:9000/hooks/$data.id\" }");
            accepted(
                    "{ action: http, url: \"https://orders_api:8443/$data.kind/$data.id.json?src=$data.src&x=1#$data.id\" }");
            accepted("{ action: http, url: \"http://[::1]:9000/hooks/$data.id\" }");
            accepted("{ action: http, url: \"http://orders.internal/p/$$x/$data.id\" }");
        }

        @Test
        void aJsonBodyWhoseScannerWouldLoseItsPlaceIsRefused() {
            assertThat(problems("{ action: http, url: \"http://h/x\", body: '{\"a\": \"\\$data.id\"}' }"))
                    .containsExactly(
                            "flows[0].steps[0].body: $data.id follows a backslash in a JSON string: a value would complete the escape");
            assertThat(problems("{ action: http, url: \"http://h/x\", body: '{\"a\": \"$data.id}' }"))
                    .containsExactly(
                            "flows[0].steps[0].body: the template ends inside a JSON string: close it with \"");
            // Plain text is not JSON: the same text is no problem there.
            accepted(
                    "{ action: http, url: \"http://h/x\", headers: { Content-Type: text/plain }, body: 'say \"$data.id' }");
            accepted("{ action: http, url: \"http://h/x\", headers: { Content-Type: application/x-ndjson },"
                    + " body: \"{\\\"a\\\": $data.a}\\n{\\\"b\\\": \\\"$data.b\\\"}\\n\" }");
        }

        @Test
        void headersThatDecideRoutingOrFramingCannotHoldVariables() {
            assertThat(
                            problems(
                                    "{ action: http, url: \"http://h/x\", headers: { Host: \"$data.host\", content-type: \"$data.type\","
                                            + " Content-Length: \"$data.n\", Transfer-Encoding: \"$data.te\", Connection: \"$data.c\", X-Id: \"$data.id\" } }"))
                    .containsExactly(
                            "flows[0].steps[0].headers.Host: must not hold a variable; a payload must not decide where a request goes or how it is read",
                            "flows[0].steps[0].headers.content-type: must not hold a variable; a payload must not decide where a request goes or how it is read",
                            "flows[0].steps[0].headers.Content-Length: must not hold a variable; a payload must not decide where a request goes or how it is read",
                            "flows[0].steps[0].headers.Transfer-Encoding: must not hold a variable; a payload must not decide where a request goes or how it is read",
                            "flows[0].steps[0].headers.Connection: must not hold a variable; a payload must not decide where a request goes or how it is read");
        }

        @Test
        void headerNamesMustBeTokensAndValuesCarryable() {
            assertThat(
                            problems(
                                    "{ action: http, url: \"http://h/x\", headers: { \"X Id\": a, \"X-A\": \"a\\x01\", \"X-B\": \"\\u0100\" } }"))
                    .containsExactly(
                            "flows[0].steps[0].headers.X Id: is not a header name (letters, digits and !#$%&'*+-.^_`|~)",
                            "flows[0].steps[0].headers.X-A: holds a control character or a character above U+00FF",
                            "flows[0].steps[0].headers.X-B: holds a control character or a character above U+00FF");
            accepted("{ action: http, url: \"http://h/x\", headers: { X-Latin: \"caf\\xe9\\tok\" } }");
        }
    }

    @Test
    void theBodySyntaxComesFromTheContentTypeOrTheFirstCharacter() {
        assertThat(HttpActionOptions.bodySyntax(
                        Map.of("body", "x", "headers", Map.of("Content-Type", "application/vnd.api+json"))))
                .isEqualTo(TemplateSyntax.JSON);
        assertThat(HttpActionOptions.bodySyntax(
                        Map.of("body", "x", "headers", Map.of("content-type", "application/x-ndjson"))))
                .isEqualTo(TemplateSyntax.JSON);
        assertThat(HttpActionOptions.bodySyntax(
                        Map.of("body", "{", "headers", Map.of("Content-Type", "text/xml; charset=utf-8"))))
                .isEqualTo(TemplateSyntax.XML);
        assertThat(HttpActionOptions.bodySyntax(
                        Map.of("body", "x", "headers", Map.of("Content-Type", "application/soap+xml"))))
                .isEqualTo(TemplateSyntax.XML);
        assertThat(HttpActionOptions.bodySyntax(Map.of(
                        "body",
                        "a=$b",
                        "headers",
                        Map.of("CONTENT-TYPE", "Application/X-WWW-Form-Urlencoded; charset=UTF-8"))))
                .isEqualTo(TemplateSyntax.FORM);
        assertThat(HttpActionOptions.bodySyntax(Map.of("body", "{", "headers", Map.of("Content-Type", "text/plain"))))
                .isEqualTo(TemplateSyntax.TEXT);
        assertThat(HttpActionOptions.bodySyntax(Map.of("body", "  {\"a\": 1}"))).isEqualTo(TemplateSyntax.JSON);
        assertThat(HttpActionOptions.bodySyntax(Map.of("body", "[1]"))).isEqualTo(TemplateSyntax.JSON);
        assertThat(HttpActionOptions.bodySyntax(Map.of("body", "\n<a/>"))).isEqualTo(TemplateSyntax.XML);
        assertThat(HttpActionOptions.bodySyntax(Map.of("body", "a=$b"))).isEqualTo(TemplateSyntax.TEXT);
        assertThat(HttpActionOptions.templateSyntaxes(Map.of("url", "http://h/$a")))
                .containsEntry("url", TemplateSyntax.URL);
    }

    @Test
    void aUrlTemplateIsRedactedToSchemeHostPortAndPath() {
        assertThat(HttpActionOptions.redacted("http://user:pw@orders.internal:9000/hooks/$data.id?token=t#f"))
                .isEqualTo("http://orders.internal:9000/hooks/$data.id");
        assertThat(HttpActionOptions.redacted("http://h/x/$order.#text/y?q")).isEqualTo("http://h/x/$order.#text/y");
        assertThat(HttpActionOptions.redacted("http://h/$$x#y")).isEqualTo("http://h/$$x");
        assertThat(HttpActionOptions.redacted("https://h?token=t")).isEqualTo("https://h");
        assertThat(HttpActionOptions.redacted("h/x")).isEqualTo("(not a url)");
    }

    @Test
    void aRenderedUrlIsValidatedAfterTheValuesWentIn() {
        assertThat(HttpActionOptions.urlProblem("http://h/hooks/order%201")).isNull();
        assertThat(HttpActionOptions.urlProblem("http://h/a/.../b")).isNull();
        assertThat(HttpActionOptions.urlProblem("http://orders_api:8080/x")).isNull();
        assertThat(HttpActionOptions.urlProblem("http://h")).isNull();
        assertThat(HttpActionOptions.urlProblem("http://h/a/../b")).isEqualTo("has a path segment . or ..");
        assertThat(HttpActionOptions.urlProblem("http://h/a/.")).isEqualTo("has a path segment . or ..");
        assertThat(HttpActionOptions.urlProblem("http://h/a/%2E%2e/b")).isEqualTo("has a path segment . or ..");
        assertThat(HttpActionOptions.urlProblem("http://h/a b")).isEqualTo("is not a URL (Illegal character in path)");
        assertThat(HttpActionOptions.urlProblem("file:///etc/passwd"))
                .isEqualTo("is not an http:// or https:// URL with a host");
        assertThat(HttpActionOptions.urlProblem("http://h:80x/"))
                .isEqualTo("is not an http:// or https:// URL with a host");
    }

    @Test
    void noAnswerIsDescribedInOurOwnWordsNeverWithTheClientsMessage() {
        String uri = "/hooks/secret-value";
        assertThat(HttpAction.why(
                        new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 128"),
                        10_000))
                .isEqualTo("no connection free (16 in use and 128 requests waiting for this destination)");
        assertThat(HttpAction.why(
                        new NoStackTraceTimeoutException(
                                "The timeout of 10000 ms has been exceeded when getting a connection to h:80"),
                        10_000))
                .isEqualTo("no connection free within 10000 ms");
        assertThat(HttpAction.why(
                        new NoStackTraceTimeoutException(
                                "The timeout period of 10000ms has been exceeded while executing POST " + uri),
                        10_000))
                .isEqualTo("no answer within 10000 ms");
        assertThat(HttpAction.why(new VertxException(new ConnectException("Connection refused: " + uri)), 1))
                .isEqualTo("could not connect");
        assertThat(HttpAction.why(new io.netty.channel.ConnectTimeoutException("connection timed out " + uri), 1))
                .isEqualTo("could not connect within 5000 ms");
        assertThat(HttpAction.why(new UnknownHostException(uri), 1)).isEqualTo("unknown host");
        assertThat(HttpAction.why(new HttpClosedException(uri), 1))
                .isEqualTo("the connection closed before the answer");
        assertThat(HttpAction.why(new SSLHandshakeException(uri), 1)).isEqualTo("TLS failed");
        assertThat(HttpAction.why(new IllegalStateException(uri), 1)).isEqualTo("failed (IllegalStateException)");
    }

    @Test
    void headerValuesACodecCannotCarryAreRecognised() {
        assertThat(HttpActionOptions.isHeaderValue("caf\u00e9\tok ~")).isTrue();
        for (String bad : List.of("a\r\nX-Evil: 1", "a\u0000", "a\u001f", "a\u007f", "\u0100", "😀")) {
            assertThat(HttpActionOptions.isHeaderValue(bad)).as(bad).isFalse();
        }
    }

    /** Runs the http action through a worker's real WebClient against a local server. */
    @Nested
    @ExtendWith(VertxExtension.class)
    class Running {
        private Target target;
        private Target other;
        private Redis redis;
        private Map<String, Action> actions;

        @BeforeEach
        void start(Vertx vertx) throws Exception {
            target = Target.start(vertx)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            other = Target.start(vertx)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            redis = Redis.createClient(vertx, TestRedis.url());
            actions = ActionCatalog.load().instantiate(vertx, redis);
        }

        @AfterEach
        void stop() {
            actions.values().forEach(Action::close);
            redis.close();
        }

        private Future<Void> run(Vertx vertx, String step, String body) {
            EndpointBindings bindings = Bindings.compile(LOADER.parse(config(step)), ActionCatalog.load())
                    .endpoint(ENDPOINT);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Payload payload = Payload.of(bytes, PayloadFormat.JSON);
            Event event =
                    new Event("t-http", ENDPOINT, "s", 0, "text/plain; evil", PayloadFormat.JSON, Map.of(), bytes);
            return bindings.run(
                    event, payload, actions, vertx, EndpointBindings.Tested.NONE, EventPipeline.payloadExecutor(vertx));
        }

        private static String id(String value) {
            return new JsonObject()
                    .put("data", new JsonObject().put("id", value))
                    .encode();
        }

        @Test
        void aUrlThatCanNeverBeValidFailsPermanentlyWithoutTouchingAConnection(Vertx vertx, VertxTestContext ctx) {
            String step =
                    "{ action: http, url: \"http://user:pw@127.0.0.1:" + target.port() + "/hooks/$data.id?token=t\" }";
            String prefix = "flow f step 1 (http): http POST http://127.0.0.1:" + target.port() + "/hooks/$data.id: ";
            Future<Void> dots = run(vertx, step, id(".."));
            Future<Void> dot = run(vertx, step, id("."));
            Future<Void> empty = run(vertx, step, id(""));
            Future<Void> missing = run(vertx, step, "{\"data\": {}}");
            Future.join(dots, dot, empty, missing)
                    .onComplete(ar -> ctx.verify(() -> {
                        assertThat(dots.cause())
                                .isInstanceOf(PermanentFailure.class)
                                .hasMessage(prefix + "the rendered url has a path segment . or ..");
                        assertThat(dot.cause())
                                .isInstanceOf(PermanentFailure.class)
                                .hasMessage(prefix + "the rendered url has a path segment . or ..");
                        assertThat(empty.cause())
                                .isInstanceOf(PermanentFailure.class)
                                .hasMessage(prefix + "$data.id renders empty in a url path segment");
                        assertThat(missing.cause())
                                .isInstanceOf(PermanentFailure.class)
                                .hasMessage(prefix + "$data.id renders empty in a url path segment");
                        assertThat(target.connections.get())
                                .as("connections opened")
                                .isZero();
                        assertThat(target.got).isEmpty();
                        ctx.completeNow();
                    }));
        }

        @Test
        void aHeaderValueTheCodecCannotCarryFailsPermanently(Vertx vertx, VertxTestContext ctx) {
            String step = "{ action: http, url: \"http://127.0.0.1:" + target.port()
                    + "/ok/$data.id\", headers: { X-Order: \"$data.id\" } }";
            List<Future<Void>> bad = new ArrayList<>();
            for (String value : List.of("a\r\nX-Evil: 1", "a\u0000b", "a\u007fb", "\u0100", "😀")) {
                bad.add(run(vertx, step, id(value)));
            }
            Future<Void> latin = run(vertx, step, id("caf\u00e9\tok"));
            Future.join(new ArrayList<Future<?>>(bad))
                    .eventually(() -> latin)
                    .onComplete(ar -> ctx.verify(() -> {
                        for (Future<Void> f : bad) {
                            assertThat(f.cause())
                                    .isInstanceOf(PermanentFailure.class)
                                    .hasMessage(
                                            "flow f step 1 (http): http POST http://127.0.0.1:" + target.port()
                                                    + "/ok/$data.id: header X-Order: the rendered value holds a control character or a character above U+00FF");
                        }
                        assertThat(latin.succeeded())
                                .as(String.valueOf(latin.cause()))
                                .isTrue();
                        assertThat(target.got).hasSize(1);
                        assertThat(target.got.get(0).headers().get("X-Order")).isEqualTo("caf\u00e9\tok");
                        assertThat(target.got.get(0).headers().get("X-Evil")).isNull();
                        ctx.completeNow();
                    }));
        }

        @Test
        void retryableFailuresNameTheTemplateAndTheMethodNeverTheValue(Vertx vertx, VertxTestContext ctx) {
            String value = "order 1?secret=s3cret";
            String base = "http://127.0.0.1:" + target.port();
            Future<Void> answered = run(
                    vertx, "{ action: http, method: put, url: \"" + base + "/fail/$data.id?q=$data.id\" }", id(value));
            Future<Void> hung =
                    run(vertx, "{ action: http, url: \"" + base + "/hang/$data.id\", timeout: 300ms }", id(value));
            Future<Void> refused = run(
                    vertx,
                    "{ action: http, url: \"http://127.0.0.1:" + Target.closedPort() + "/x/$data.id\" }",
                    id(value));
            Future.join(answered, hung, refused)
                    .onComplete(ar -> ctx.verify(() -> {
                        assertThat(answered.cause())
                                .isNotInstanceOf(PermanentFailure.class)
                                .hasMessage("flow f step 1 (http): http PUT " + base + "/fail/$data.id: answered 503");
                        assertThat(hung.cause())
                                .isNotInstanceOf(PermanentFailure.class)
                                .hasMessage("flow f step 1 (http): http POST " + base
                                        + "/hang/$data.id: no answer within 300 ms");
                        assertThat(refused.cause())
                                .isNotInstanceOf(PermanentFailure.class)
                                .hasMessageEndingWith("/x/$data.id: could not connect");
                        // The request went out encoded: one path segment, the query the template's own.
                        assertThat(target.got)
                                .extracting(Got::uri)
                                .contains("/fail/order%201%3Fsecret%3Ds3cret?q=order%201%3Fsecret%3Ds3cret");
                        ctx.completeNow();
                    }));
        }

        @Test
        void aFullPoolFailsFastWhileOtherDestinationsAreServed(Vertx vertx, VertxTestContext ctx) {
            int connections = HttpAction.MAX_CONNECTIONS_PER_DESTINATION;
            int waiting = HttpAction.MAX_WAITING_PER_DESTINATION;
            int over = 6;
            String hang =
                    "{ action: http, url: \"http://127.0.0.1:" + target.port() + "/hang/$data.id\", timeout: 60s }";
            List<Future<Void>> runs = new CopyOnWriteArrayList<>();
            // Vert.x counts a request whose connection is still being opened among the waiting: open them all first.
            for (int i = 0; i < connections; i++) {
                runs.add(run(vertx, hang, id("c" + i)));
            }
            Poll.untilValue(vertx, target.held::size, n -> n == connections, Duration.ofSeconds(10))
                    .compose(held -> {
                        for (int i = 0; i < waiting + over; i++) {
                            runs.add(run(vertx, hang, id("w" + i)));
                        }
                        return run(
                                vertx,
                                "{ action: http, url: \"http://127.0.0.1:" + other.port() + "/ok/$data.id\" }",
                                id("x"));
                    })
                    .compose(elsewhere -> Poll.untilValue(
                            vertx,
                            () -> runs.stream().filter(Future::failed).count(),
                            n -> n >= over,
                            Duration.ofSeconds(10)))
                    .onComplete(ctx.succeeding(failedCount -> ctx.verify(() -> {
                        List<Future<Void>> failed =
                                runs.stream().filter(Future::failed).toList();
                        assertThat(failed).hasSize(over);
                        for (Future<Void> f : failed) {
                            assertThat(f.cause())
                                    .isNotInstanceOf(PermanentFailure.class)
                                    .hasMessage(
                                            "flow f step 1 (http): http POST http://127.0.0.1:" + target.port()
                                                    + "/hang/$data.id: no connection free (16 in use and 128 requests waiting for this destination)");
                        }
                        assertThat(target.connections.get()).isEqualTo(connections);
                        assertThat(other.got)
                                .as("another destination is served meanwhile")
                                .hasSize(1);
                        // Released, every request that waited is served.
                        target.release();
                        Future.join(new ArrayList<Future<?>>(runs))
                                .onComplete(all -> ctx.verify(() -> {
                                    assertThat(runs.stream()
                                                    .filter(Future::succeeded)
                                                    .count())
                                            .isEqualTo(connections + waiting);
                                    ctx.completeNow();
                                }));
                    })));
        }
    }

    /** A request as the local server got it. */
    record Got(String uri, MultiMap headers, String body) {}

    /** A local HTTP server that counts connections: /fail answers 503, /hang never answers until released, else 200. */
    static final class Target {
        final AtomicInteger connections = new AtomicInteger();
        final List<Got> got = new CopyOnWriteArrayList<>();
        final List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
        private HttpServer server;
        private volatile boolean released;

        static Future<Target> start(Vertx vertx) {
            Target t = new Target();
            t.server = vertx.createHttpServer()
                    .connectionHandler(c -> t.connections.incrementAndGet())
                    .requestHandler(req -> req.body().onSuccess(body -> {
                        t.got.add(new Got(
                                req.uri(), MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body.toString()));
                        if (req.path().startsWith("/fail")) {
                            req.response().setStatusCode(503).end();
                        } else if (req.path().startsWith("/hang") && !t.released) {
                            t.held.add(req);
                        } else {
                            req.response().end("ok");
                        }
                    }));
            return t.server.listen(0, "127.0.0.1").map(s -> t);
        }

        int port() {
            return server.actualPort();
        }

        void release() {
            released = true;
            held.forEach(r -> r.response().end("ok"));
        }

        /** A loopback port nothing listens on. */
        static int closedPort() {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
