package dev.inlet.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.ingest.ResponseCode;
import dev.inlet.support.Http;
import dev.inlet.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's pages, headers, sign-in, throttle, session and CSRF guard on a real Inlet: the admin
 * API's handlers answer under {@code /console/api} with the session and never without it.
 */
@ExtendWith(VertxExtension.class)
class ConsoleSessionTest {
    static final String TOKEN = "console-admin-token-1";
    static final String JSON = "d0000000000000000000000000000001";

    static Inlet inlet;
    static Inlet withoutAdmin;
    Http http;
    ConsoleClient console;

    @BeforeAll
    static void start() {
        String stream = "test:console:" + UUID.randomUUID();
        String endpoints =
                """
        services: [{ id: shop }]
        endpoints:
          - { id: %s, service: shop, auth: none, format: json }
        """
                        .formatted(JSON);
        inlet = Inlet.start(new ConfigLoader(Map.of())
                .parse(
                        """
        server: { port: 0, host: 127.0.0.1, trustedProxies: [127.0.0.1/32] }
        admin: { token: %s }
        redis: { url: "%s", stream: "%s" }
        workers: { instances: 0 }
        """
                                        .formatted(TOKEN, TestRedis.url(), stream)
                                + endpoints));
        withoutAdmin = Inlet.start(new ConfigLoader(Map.of())
                .parse(
                        """
        server: { port: 0, host: 127.0.0.1 }
        redis: { url: "%s", stream: "%s:off" }
        workers: { instances: 0 }
        """
                                        .formatted(TestRedis.url(), stream)
                                + endpoints));
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.stop();
        }
        if (withoutAdmin != null) {
            withoutAdmin.stop();
        }
    }

    @BeforeEach
    void client(Vertx vertx) {
        http = new Http(vertx, inlet.port());
        console = new ConsoleClient(http);
    }

    static void assertCode(HttpResponse<Buffer> res, ResponseCode code) {
        assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(code.httpStatus());
        assertThat(res.bodyAsJsonObject().getString("code")).isEqualTo(code.code());
    }

    static void assertConsoleHeaders(HttpResponse<Buffer> res) {
        assertThat(res.getHeader("Content-Security-Policy"))
                .isEqualTo("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                        + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self';"
                        + " frame-ancestors 'none'");
        assertThat(res.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(res.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(res.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void thePagesAreServedWithTheConsoleHeadersAndNothingOutsideThem(Vertx vertx, VertxTestContext ctx) {
        WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false))
                .get(inlet.port(), "127.0.0.1", "/console")
                .send()
                .compose(res -> {
                    ctx.verify(() -> {
                        assertThat(res.statusCode()).isEqualTo(302);
                        assertThat(res.getHeader("Location")).isEqualTo("/console/");
                        assertConsoleHeaders(res);
                    });
                    return http.send(HttpMethod.GET, "/console/", null, null);
                })
                .compose(res -> {
                    ctx.verify(() -> {
                        assertThat(res.statusCode()).isEqualTo(200);
                        assertThat(res.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
                        assertThat(res.getHeader("Cache-Control")).isEqualTo("no-cache");
                        assertThat(res.bodyAsString()).contains("<html");
                        assertConsoleHeaders(res);
                    });
                    return http.send(HttpMethod.GET, "/console/index.html", null, null);
                })
                .compose(res -> {
                    ctx.verify(() -> assertThat(res.statusCode()).isEqualTo(200));
                    List<String> outside = List.of(
                            "/console/../pom.xml",
                            "/console/%2e%2e/logback.xml",
                            "/console/..%2flogback.xml",
                            "/console/.hidden.html",
                            "/console/missing.js",
                            "/console/index",
                            "/console/dev/",
                            "/console/index.html/",
                            "/console//etc/passwd.txt",
                            "/console/a\\b.js");
                    Future<Void> all = Future.succeededFuture();
                    for (String path : outside) {
                        all = all.compose(
                                v -> http.send(HttpMethod.GET, path, null, null).map(r -> {
                                    ctx.verify(() -> {
                                        assertThat(r.statusCode()).as(path).isIn(400, 404);
                                        assertThat(r.bodyAsString()).doesNotContain("<configuration");
                                    });
                                    return null;
                                }));
                    }
                    return all;
                })
                .onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void withoutAnAdminTokenTheConsoleIsAnUnknownRoute(Vertx vertx, VertxTestContext ctx) {
        Http off = new Http(vertx, withoutAdmin.port());
        off.send(HttpMethod.GET, "/console/", null, null)
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.NOT_FOUND));
                    return new ConsoleClient(off).signIn(TOKEN);
                })
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertCode(res, ResponseCode.NOT_FOUND);
                    ctx.completeNow();
                })));
    }

    @Test
    void theRightTokenOpensASessionAndAWrongOneIsRefused(VertxTestContext ctx) {
        console.signIn(TOKEN + "x")
                .compose(res -> {
                    ctx.verify(() -> {
                        assertCode(res, ResponseCode.ADMIN_UNAUTHORIZED);
                        assertThat(res.getHeader("Set-Cookie")).isNull();
                        assertConsoleHeaders(res);
                        assertThat(res.getHeader("Cache-Control")).isEqualTo("no-store");
                    });
                    return console.signIn(TOKEN);
                })
                .compose(res -> {
                    JsonObject body = res.bodyAsJsonObject();
                    ctx.verify(() -> {
                        assertThat(res.statusCode()).isEqualTo(200);
                        assertThat(res.getHeader("Cache-Control")).isEqualTo("no-store");
                        assertThat(res.getHeader("Set-Cookie"))
                                .matches("inlet_console=[A-Za-z0-9_-]{43}; Path=/console; HttpOnly;"
                                        + " SameSite=Strict; Max-Age=28800");
                        assertThat(body.getString("csrf")).matches("[A-Za-z0-9_-]{43}");
                        assertThat(body.getLong("expiresAt")).isGreaterThan(System.currentTimeMillis() + 7 * 3600_000L);
                        assertThat(res.bodyAsString()).doesNotContain(TOKEN);
                    });
                    String cookie = res.getHeader("Set-Cookie");
                    ConsoleClient.Signed s = new ConsoleClient.Signed(
                            cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';')), body.getString("csrf"));
                    return console.get(s, "/console/api/session").map(again -> {
                        ctx.verify(() -> {
                            assertThat(again.statusCode()).isEqualTo(200);
                            assertThat(again.bodyAsJsonObject()).isEqualTo(body);
                        });
                        return s;
                    });
                })
                .compose(s -> console.get(null, "/console/api/session"))
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.ADMIN_UNAUTHORIZED));
                    return console.get(new ConsoleClient.Signed("made-up", "x"), "/console/api/session");
                })
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.ADMIN_UNAUTHORIZED));
                    return http.send(HttpMethod.POST, "/console/api/session", null, Buffer.buffer("not json"));
                })
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertCode(res, ResponseCode.ADMIN_UNAUTHORIZED);
                    ctx.completeNow();
                })));
    }

    @Test
    void theAdminHandlersAnswerUnderTheConsoleWithTheSessionAndItsCsrfToken(VertxTestContext ctx) {
        String parse = "/console/api/v1/endpoints/" + JSON + "/parse";
        Buffer sample = Buffer.buffer("{\"data\":{\"attributes\":{\"title\":\"x\"}}}");
        console.get(null, "/console/api/v1/admin/dead-letters")
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.ADMIN_UNAUTHORIZED));
                    // The Bearer token is the admin API's credential, not the console's.
                    return http.send(
                            HttpMethod.GET,
                            "/console/api/v1/admin/dead-letters",
                            Http.headers("Authorization", "Bearer " + TOKEN),
                            null);
                })
                .compose(res -> {
                    ctx.verify(() -> assertCode(res, ResponseCode.ADMIN_UNAUTHORIZED));
                    return console.signedIn(TOKEN);
                })
                .compose(s -> console.get(s, "/console/api/v1/admin/dead-letters")
                        .compose(res -> {
                            ctx.verify(() -> {
                                assertThat(res.statusCode())
                                        .as(res.bodyAsString())
                                        .isEqualTo(200);
                                assertThat(res.bodyAsJsonObject().getJsonArray("deadLetters"))
                                        .isEmpty();
                                assertConsoleHeaders(res);
                                assertThat(res.getHeader("Cache-Control")).isEqualTo("no-store");
                            });
                            return console.send(s, HttpMethod.POST, parse, null, sample);
                        })
                        .compose(res -> {
                            ctx.verify(() -> {
                                assertThat(res.statusCode()).isEqualTo(403);
                                assertThat(res.bodyAsJsonObject())
                                        .isEqualTo(new JsonObject()
                                                .put("code", "7052")
                                                .put("description", "CSRF token missing or wrong"));
                            });
                            return console.send(s, HttpMethod.POST, parse, s.csrf() + "x", sample);
                        })
                        .compose(res -> {
                            ctx.verify(() -> assertCode(res, ResponseCode.CSRF_REFUSED));
                            return console.send(s, HttpMethod.POST, parse, s.csrf(), sample);
                        })
                        .compose(res -> {
                            ctx.verify(() -> {
                                assertThat(res.statusCode())
                                        .as(res.bodyAsString())
                                        .isEqualTo(200);
                                assertThat(res.bodyAsJsonObject().getJsonObject("variables"))
                                        .isEqualTo(new JsonObject().put("data.attributes.title", "x"));
                            });
                            return console.get(
                                    s, "/console/api/v1/endpoints/" + JSON + "/variables?prefix=%24data.att");
                        })
                        .compose(res -> {
                            ctx.verify(() -> assertThat(res.bodyAsJsonObject().getJsonArray("variables"))
                                    .containsExactly("data.attributes.title"));
                            return console.get(s, "/console/api/nothing-here");
                        })
                        .compose(res -> {
                            ctx.verify(() -> {
                                assertCode(res, ResponseCode.NOT_FOUND);
                                assertConsoleHeaders(res);
                            });
                            return console.send(s, HttpMethod.DELETE, "/console/api/session", null, null);
                        })
                        .compose(res -> {
                            ctx.verify(() -> assertCode(res, ResponseCode.CSRF_REFUSED));
                            return console.send(s, HttpMethod.DELETE, "/console/api/session", s.csrf(), null);
                        })
                        .compose(res -> {
                            ctx.verify(() -> {
                                assertThat(res.statusCode()).isEqualTo(204);
                                assertThat(res.getHeader("Set-Cookie")).contains("Max-Age=0");
                            });
                            return console.get(s, "/console/api/session");
                        }))
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertCode(res, ResponseCode.ADMIN_UNAUTHORIZED);
                    ctx.completeNow();
                })));
    }

    @Test
    void fiveFailedSignInsInAMinuteRefuseTheAddressUntilItEnds(VertxTestContext ctx) {
        // Through the trusted proxy (127.0.0.1), as 198.51.100.9: the other tests' address stays free.
        // Five failures, then the right token: refused, unless a minute ended in between; then again.
        String[] from = {"X-Forwarded-For", "198.51.100.9"};
        attempts(from, 3)
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertCode(res, ResponseCode.LIMIT_REACHED);
                    assertThat(Long.parseLong(res.getHeader("Retry-After"))).isBetween(1L, 60L);
                    assertThat(res.bodyAsJsonObject().getString("reason")).contains("5 failed sign-ins");
                    assertThat(res.getHeader("Set-Cookie")).isNull();
                    ctx.completeNow();
                })));
    }

    /** Five wrong sign-ins then a right one; repeated (up to {@code rounds}) while the right one passes. */
    private Future<HttpResponse<Buffer>> attempts(String[] from, int rounds) {
        Future<HttpResponse<Buffer>> wrong = Future.succeededFuture();
        for (int i = 0; i < SignInThrottle.FAILURES; i++) {
            wrong = wrong.compose(v -> console.signIn("wrong", from));
        }
        return wrong.compose(v -> console.signIn(TOKEN, from))
                .compose(res -> res.statusCode() == 200 && rounds > 1
                        ? attempts(from, rounds - 1)
                        : Future.succeededFuture(res));
    }
}
