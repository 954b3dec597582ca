package dev.inlet.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Events and Event pages on events sent through the real server: the list, an accepted event's
 * body (pretty and raw), variables and outcome timeline, its replay delivered again, and a refused
 * request's diagnosis.
 */
class EventsBrowserTest {
    static final String FORWARDED = "e0000000000000000000000000000001";
    static final String SIGNED = "e0000000000000000000000000000002";
    static final String FAILING = "e0000000000000000000000000000003";
    static final String BODY = "{\"data\":{\"id\":\"ord_1\",\"attributes\":{\"title\":\"Hello <b>console</b>\"}}}";

    static ConsoleInlet inlet;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        inlet = ConsoleInlet.start(
                """
                services: [{ id: shop }]
                endpoints:
                  - { id: %2$s, service: shop, auth: none, format: json, flows: [forward] }
                  - { id: %3$s, service: shop, auth: none, format: json, signature: { scheme: github, secrets: ["whsec-console-test"] } }
                  - { id: %4$s, service: shop, auth: none, format: json, flows: [failing] }
                flows:
                  - id: failing
                    steps:
                      - { action: http, url: "%1$s/fail" }
                  - id: forward
                    steps:
                      - { action: http, url: "%1$s/ok" }
                      - { action: log, when: "$data.id == 'never'" }
                """
                        .replace("%2$s", FORWARDED)
                        .replace("%3$s", SIGNED)
                        .replace("%4$s", FAILING));
        browser = inlet.browser();
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.close();
        }
    }

    @Test
    void anAcceptedEventShowsItsBodyVariablesAndOutcomeAndItsReplayIsDeliveredAgain() throws Exception {
        HttpResponse<String> sent = inlet.send(FORWARDED, "application/json", BODY, "X-Shop", "north");
        assertThat(sent.statusCode()).as(sent.body()).isLessThan(300);

        inlet.signIn(browser, "#/endpoints/" + FORWARDED + "/events");
        WebElement row = browser.until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("table.events tbody tr"));
            return rows.isEmpty() ? null : rows.get(0);
        });
        assertThat(row.getText()).contains("POST").contains("1002");
        browser.screenshot("events");

        row.findElement(By.tagName("a")).click();
        browser.showing(By.id("outcome-state"), "delivered");
        String pretty =
                browser.visible(By.cssSelector("[data-testid=body-pretty]")).getText();
        assertThat(pretty).contains("\"title\": \"Hello <b>console</b>\"").contains("\n");
        assertThat(browser.text(By.id("headers"))).contains("x-shop").contains("north");
        assertThat(browser.text(By.id("variables")))
                .contains("$data.attributes.title")
                .contains("Hello <b>console</b>");
        String timeline = browser.text(By.id("outcome"));
        assertThat(timeline)
                .contains("Attempt 1")
                .contains("flow forward")
                .contains("http")
                .contains("200")
                .contains("skipped");
        assertThat(browser.text(By.id("answer"))).contains("1002");
        browser.screenshot("event");

        browser.driver().findElement(By.xpath("//button[text()='Raw']")).click();
        assertThat(browser.visible(By.cssSelector("[data-testid=body-raw]")).getText())
                .isEqualTo(BODY);

        int delivered = inlet.hits("/ok");
        browser.driver().findElement(By.id("replay")).click();
        browser.until(d -> d.findElements(By.cssSelector("ol.timeline > li")).size() == 2);
        browser.showing(By.id("outcome"), "replay");
        // The page follows the replay until it settles.
        browser.until(d -> d.findElement(By.id("outcome-state")).getText().equals("delivered"));
        assertThat(inlet.hits("/ok")).isEqualTo(delivered + 1);
    }

    @Test
    void anEventSentWhileTheListIsOpenAppearsOnTopWithoutAReload() throws Exception {
        inlet.signIn(browser, "#/endpoints/" + FORWARDED + "/events");
        browser.showing(By.id("live-status"), "Live");
        int before = browser.driver()
                .findElements(By.cssSelector("table.events tbody tr"))
                .size();
        browser.script("window.__notReloaded = true");

        inlet.send(FORWARDED, "application/json", "{\"data\":{\"id\":\"live_1\"}}");
        browser.until(
                d -> d.findElements(By.cssSelector("table.events tbody tr")).size() == before + 1);
        assertThat(browser.script("return window.__notReloaded")).isEqualTo(true);
        WebElement top = browser.driver().findElement(By.cssSelector("table.events tbody tr"));
        assertThat(top.getText()).contains("1002");
        top.findElement(By.tagName("a")).click();
        browser.showing(By.cssSelector("[data-testid=body-pretty]"), "live_1");
    }

    @Test
    void theListPagesOnWithOlder() throws Exception {
        inlet.send(FORWARDED, "application/json", "{\"data\":{\"id\":\"page_1\"}}");
        inlet.send(FORWARDED, "application/json", "{\"data\":{\"id\":\"page_2\"}}");
        browser.until(d -> {
            try {
                return inlet.admin("/v1/endpoints/" + FORWARDED + "/events")
                                .getJsonArray("events")
                                .size()
                        >= 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        inlet.signIn(browser, "#/endpoints/" + FORWARDED + "/events?count=1");
        browser.until(
                d -> d.findElements(By.cssSelector("table.events tbody tr")).size() == 1);
        browser.visible(By.id("older")).click();
        browser.until(
                d -> d.findElements(By.cssSelector("table.events tbody tr")).size() == 2);
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.events tbody tr"));
        assertThat(rows.get(0).getAttribute("data-id")).isNotEqualTo(rows.get(1).getAttribute("data-id"));
    }

    @Test
    void aRefusedRequestShowsItsDiagnosisInTheListAndOnItsPage() throws Exception {
        HttpResponse<String> refused = inlet.send(
                SIGNED, "application/json", "{\"forged\":true}", "X-Hub-Signature-256", "sha256=" + "0".repeat(64));
        assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);

        inlet.signIn(browser, "#/endpoints/" + SIGNED + "/events");
        browser.visible(By.id("filter-code")).sendKeys("7028");
        browser.driver()
                .findElement(By.cssSelector("#filters button[type=submit]"))
                .click();
        browser.until(d -> d.getCurrentUrl().contains("code=7028"));
        WebElement row = browser.until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("table.events tbody tr"));
            return rows.isEmpty() ? null : rows.get(0);
        });
        assertThat(row.getText()).contains("7028").contains("X-Hub-Signature-256");

        row.findElement(By.tagName("a")).click();
        String diagnosis = browser.visible(By.id("diagnosis")).getText();
        assertThat(diagnosis)
                .contains("Why it was refused")
                .contains("X-Hub-Signature-256")
                .contains("none matched");
        assertThat(browser.driver().findElement(By.id("replay")).isEnabled()).isFalse();
        assertThat(browser.text(By.id("outcome"))).contains("refused");
        browser.screenshot("event-refused");
    }

    @Test
    void deadLettersAreListedInspectedAndReplayedOneOrSelected() throws Exception {
        inlet.send(FAILING, "application/json", "{\"n\":1,\"note\":\"<i>first</i>\"}");
        inlet.send(FAILING, "application/json", "{\"n\":2}");
        browser.until(d -> deadLetters() >= 2);

        inlet.signIn(browser, "#/dead-letters");
        browser.until(d -> d.findElements(By.cssSelector("table.dead tbody tr:not(.detail)"))
                        .size()
                == 2);
        assertThat(browser.text(By.id("dead-size"))).isEqualTo("2 dead letters");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.dead tbody tr:not(.detail)"));
        assertThat(rows.get(0).getText()).contains(FAILING).contains("500");

        rows.get(0).findElement(By.xpath(".//button[text()='Inspect']")).click();
        String detail = browser.visible(By.cssSelector("table.dead tr.detail")).getText();
        assertThat(detail).contains("<i>first</i>").contains("Transid");
        browser.screenshot("dead-letters");

        rows.get(0).findElement(By.cssSelector("button.replay")).click();
        browser.showing(By.id("dead-status"), "replayed as stream entry");
        rows.get(1).findElement(By.cssSelector("input.pick")).click();
        browser.driver().findElement(By.id("replay-selected")).click();
        browser.showing(By.id("dead-status"), "1 replayed.");
        browser.until(d -> inlet.hits("/fail") >= 4);
    }

    @Test
    void theOverviewListsTheEndpointsAndLeadsToAnEndpointsPage() throws Exception {
        inlet.send(FORWARDED, "application/json", BODY);
        inlet.signIn(browser, "#/overview");
        // The counts come from the history pass (every 5 s) and the page's own refresh (every 5 s).
        browser.showing(By.cssSelector("table.endpoints tr[data-id='" + FORWARDED + "']"), "1002: ");
        // The page rebuilds its table on each refresh: read and click through the waits.
        assertThat(browser.text(By.id("health-redis"))).contains("up");
        assertThat(browser.text(By.cssSelector("table.endpoints")))
                .contains("forward")
                .contains("github");
        browser.screenshot("overview");

        browser.click(By.linkText(FORWARDED));
        browser.showing(By.id("endpoint-url"), "/v1/webhooks/" + FORWARDED);
        assertThat(browser.visible(By.id("config")).getText()).contains("forward");
        browser.until(d ->
                !d.findElements(By.cssSelector("#recent table.events tbody tr")).isEmpty());
        browser.driver().findElement(By.id("generate-curl")).click();
        assertThat(browser.showing(By.id("curl"), "curl -sS -X POST").getText())
                .contains("/v1/webhooks/" + FORWARDED)
                .contains("--data-raw");
        assertThat(browser.visible(By.id("copy-curl")).getText()).isEqualTo("Copy command");
        assertThat(browser.text(By.id("test-request"))).contains("Not signed.");

        // A signed endpoint's curl carries the signature Inlet computed, never its secret.
        browser.script("location.hash = arguments[0]", "#/endpoints/" + SIGNED);
        browser.showing(By.id("endpoint-url"), "/v1/webhooks/" + SIGNED);
        browser.driver().findElement(By.id("test-body")).sendKeys("{\"it's\":\"$(id)\"}");
        browser.driver().findElement(By.id("generate-curl")).click();
        String curl =
                browser.showing(By.id("curl"), "X-Hub-Signature-256: sha256=").getText();
        assertThat(curl).contains("'{\"it'\\''s\":\"$(id)\"}'").doesNotContain("whsec-console-test");
        assertThat(browser.text(By.id("test-request"))).contains("Signed.");
        assertThat(browser.visible(By.id("copy-curl")).isDisplayed()).isTrue();
        browser.screenshot("endpoint");
    }

    private static int deadLetters() {
        try {
            return inlet.admin("/v1/admin/dead-letters").getInteger("size");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
