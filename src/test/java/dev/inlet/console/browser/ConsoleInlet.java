package dev.inlet.console.browser;

import com.sun.net.httpserver.HttpServer;
import dev.inlet.Inlet;
import dev.inlet.config.ConfigLoader;
import dev.inlet.support.TestRedis;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.By;

/**
 * A real Inlet (in this JVM, with workers, on the test Redis, its own stream) with the admin token
 * set, so the console is on; a headless browser ({@link #browser}); and a receiver for its flows' http actions, which counts the requests
 * each path got and answers 500 on paths under {@code /fail}. The config's {@code %1$s} is the
 * receiver's base URL.
 */
final class ConsoleInlet implements AutoCloseable {
    static final String TOKEN = "console-browser-admin-token";

    private final Inlet inlet;
    private final Browser browser;
    private final HttpServer receiver;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ConsoleInlet(String config) throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(path.startsWith("/fail") ? 500 : 200, -1);
            exchange.close();
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        String yaml =
                """
                server: { port: 0, host: 127.0.0.1, maxBodySize: 2MiB }
                admin: { token: %s }
                redis: { url: "%s", stream: "test:console:%s" }
                workers: { instances: 1, maxAttempts: 1, backoff: 50ms }
                """
                                .formatted(TOKEN, TestRedis.url(), UUID.randomUUID())
                        + config.formatted(base);
        inlet = Inlet.start(new ConfigLoader(Map.of()).parse(yaml));
        Browser started = null;
        try {
            started = Browser.start();
        } finally {
            if (started == null) {
                inlet.stop();
                receiver.stop(0);
            }
        }
        browser = started;
    }

    static ConsoleInlet start(String config) throws Exception {
        return new ConsoleInlet(config);
    }

    /** The browser of this test class. */
    Browser browser() {
        return browser;
    }

    /** The console's URL with {@code hash} ("#/overview", …). */
    String console(String hash) {
        return base() + "/console/" + hash;
    }

    /** The base of Inlet's own routes (webhooks, admin API). */
    String base() {
        return "http://127.0.0.1:" + inlet.port();
    }

    /** POSTs a webhook to {@code /v1/webhooks/<endpoint>}; its answer. */
    HttpResponse<String> send(String endpoint, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base() + "/v1/webhooks/" + endpoint))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any request to the console's origin, without the browser's cookie. */
    HttpResponse<String> request(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of Inlet's admin API with the Bearer token; its JSON answer. */
    JsonObject admin(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN)
                .build();
        return new JsonObject(
                http.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** How many requests the receiver got on {@code path}. */
    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** Opens {@code hash} in the browser, signing in through the form when it asks. */
    void signIn(Browser browser, String hash) {
        browser.open(console(hash));
        browser.until(d -> d.findElement(By.id("nav")).isDisplayed()
                || d.findElement(By.id("sign-in")).isDisplayed());
        if (browser.driver().findElement(By.id("sign-in")).isDisplayed()) {
            browser.visible(By.id("token")).sendKeys(TOKEN);
            browser.driver().findElement(By.id("sign-in-button")).click();
            browser.visible(By.id("nav"));
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            try {
                inlet.stop();
            } finally {
                receiver.stop(0);
            }
        }
    }
}
