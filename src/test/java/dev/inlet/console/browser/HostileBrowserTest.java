package dev.inlet.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Hostile payloads sent through the real server render inert: markup, {@code javascript:} URLs,
 * event handlers and script in bodies, headers and variable names; control characters; a
 * 10,000-deep nesting; a 1 MiB single line. No dialog opens, no script of theirs runs, nothing of
 * theirs becomes an element, and the page keeps answering.
 */
class HostileBrowserTest {
    static final String ENDPOINT = "a0000000000000000000000000000001";
    static final String XSS = "<script>alert('body')</script><img src=x onerror=\"alert('img');window.__xss=1\">"
            + "<a href=\"javascript:alert('a')\">click</a>";

    static ConsoleInlet inlet;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        inlet = ConsoleInlet.start(
                """
                services: [{ id: shop }]
                endpoints:
                  - { id: %2$s, service: shop, auth: none, format: auto, maxBodySize: 2MiB, history: { maxBodyBytes: 1MiB } }
                """
                        .replace("%2$s", ENDPOINT));
        browser = inlet.browser();
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.close();
        }
    }

    @Test
    void hostilePayloadsRenderAsTextAndThePageStaysResponsive() throws Exception {
        String json = new JsonObject()
                .put("data", new JsonObject().put("title", XSS).put("url", "javascript:alert('url')"))
                .put(XSS, "javascript:alert('name')")
                .encode();
        String markup = sent("application/json", json, "X-Evil", XSS, "X-Link", "javascript:alert('header')");
        String form = sent(
                "application/x-www-form-urlencoded", "a=%3Cscript%3Ealert(1)%3C%2Fscript%3E&javascript%3Aalert(2)=x");
        String xml = sent("application/xml", "<a><![CDATA[" + XSS + "]]><b onload=\"alert('xml')\">x</b></a>");
        String control = sent("application/json", "{\"c\":\"\u0000\u0007\u001b[31m\u202eevil\u0085\"}");
        String deep = sent("application/json", "[".repeat(10_000) + "]".repeat(10_000));
        String line =
                sent("application/json", "{\"line\":\"" + XSS + "x".repeat(1024 * 1024 - 64 - XSS.length()) + "\"}");
        List<String> ids = List.of(markup, form, xml, control, deep, line);

        inlet.signIn(browser, "#/endpoints/" + ENDPOINT + "/events");
        browser.until(
                d -> d.findElements(By.cssSelector("table.events tbody tr")).size() == 6);
        assertInert();
        browser.screenshot("events-hostile");

        for (String id : ids) {
            browser.open(inlet.console("#/endpoints/" + ENDPOINT + "/events/" + id));
            browser.visible(By.cssSelector("[data-testid=body]"));
            assertInert();
        }

        // The 1 MiB line: shown raw, cut, then whole, as text.
        browser.open(inlet.console("#/endpoints/" + ENDPOINT + "/events/" + line));
        String cut = browser.showing(By.id("body"), "Showing the first").getText();
        assertThat(cut).contains("<script>alert('body')</script>");
        browser.driver().findElement(By.xpath("//button[text()='Show all']")).click();
        browser.until(d ->
                ((Number) browser.script("return document.querySelector('pre.body').textContent.length")).longValue()
                        > 1024 * 1024 - 64);
        assertInert();

        browser.open(inlet.console("#/endpoints/" + ENDPOINT + "/events/" + deep));
        assertThat(browser.showing(By.id("body"), "Shown raw").getText()).contains("nested deeper than 64");
        browser.open(inlet.console("#/endpoints/" + ENDPOINT + "/events/" + control));
        assertThat(browser.showing(By.id("body"), "\\u001b").getText())
                .contains("\\u0000")
                .contains("\\u202e")
                .contains("\\u0085");
        browser.open(inlet.console("#/endpoints/" + ENDPOINT + "/events/" + markup));
        assertThat(browser.showing(By.id("headers"), "x-evil").getText()).contains(XSS);
        assertThat(browser.text(By.id("variables"))).contains("$" + XSS);
        assertInert();
        browser.screenshot("event-hostile");
    }

    /** No dialog, no payload script ran, no element made of payload, and the page answers at once. */
    private static void assertInert() {
        assertThat(browser.dialogOpen()).isFalse();
        assertThat(browser.script("return window.__xss === undefined")).isEqualTo(true);
        assertThat(browser.script("return document.querySelectorAll('img, iframe, object, embed').length"))
                .isEqualTo(0L);
        assertThat(browser.script("return [...document.scripts].every(s => s.src.endsWith('/console/app.js'))"))
                .isEqualTo(true);
        assertThat(browser.script("return [...document.links].every(a => a.getAttribute('href').startsWith('#/'))"))
                .isEqualTo(true);
        assertThat(browser.script("return [...document.querySelectorAll('*')].some(e => [...e.attributes]"
                        + ".some(a => a.name.startsWith('on')))"))
                .isEqualTo(false);
        assertThat(browser.script("return 6 * 7")).isEqualTo(42L);
    }

    /** Sends a webhook and answers the id of its history record, once it is written. */
    private static String sent(String contentType, String body, String... headers) throws Exception {
        int before = events().size();
        inlet.send(ENDPOINT, contentType, body, headers);
        browser.until(d -> events().size() > before);
        return events().getJsonObject(0).getString("id");
    }

    private static JsonArray events() {
        try {
            return inlet.admin("/v1/endpoints/" + ENDPOINT + "/events").getJsonArray("events");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
