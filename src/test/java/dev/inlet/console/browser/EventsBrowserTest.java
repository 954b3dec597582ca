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
                flows:
                  - id: forward
                    steps:
                      - { action: http, url: "%1$s/ok" }
                      - { action: log, when: "$data.id == 'never'" }
                """
                        .replace("%2$s", FORWARDED)
                        .replace("%3$s", SIGNED));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
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
        assertThat(browser.driver().findElement(By.id("headers")).getText())
                .contains("x-shop")
                .contains("north");
        assertThat(browser.driver().findElement(By.id("variables")).getText())
                .contains("$data.attributes.title")
                .contains("Hello <b>console</b>");
        String timeline = browser.driver().findElement(By.id("outcome")).getText();
        assertThat(timeline)
                .contains("Attempt 1")
                .contains("flow forward")
                .contains("http")
                .contains("200")
                .contains("skipped");
        assertThat(browser.driver().findElement(By.id("answer")).getText()).contains("1002");
        browser.screenshot("event");

        browser.driver().findElement(By.xpath("//button[text()='Raw']")).click();
        assertThat(browser.visible(By.cssSelector("[data-testid=body-raw]")).getText())
                .isEqualTo(BODY);

        browser.driver().findElement(By.id("replay")).click();
        browser.until(d -> d.findElements(By.cssSelector("ol.timeline > li")).size() == 2);
        browser.showing(By.id("outcome"), "replay");
        assertThat(browser.driver().findElement(By.id("outcome-state")).getText())
                .isEqualTo("delivered");
        assertThat(inlet.hits("/ok")).isEqualTo(2);
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
        assertThat(browser.driver().findElement(By.id("outcome")).getText()).contains("refused");
        browser.screenshot("event-refused");
    }
}
