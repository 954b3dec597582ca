package dev.inlet.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Sign-in is required, the session survives a reload, sign-out ends it, and CSRF is refused. */
class SignInBrowserTest {
    static ConsoleInlet inlet;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        inlet = ConsoleInlet.start(
                """
                services: [{ id: shop }]
                endpoints:
                  - { id: c0000000000000000000000000000001, service: shop, auth: none, format: json }
                """);
        browser = inlet.browser();
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.close();
        }
    }

    @Test
    void aPageAsksForTheTokenThenShowsItselfAndStaysSignedInUntilSignOut() throws Exception {
        browser.open(inlet.console("#/dead-letters"));
        browser.driver().manage().deleteAllCookies();
        browser.driver().navigate().refresh();
        browser.visible(By.id("sign-in-form"));
        browser.screenshot("sign-in");
        assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat(browser.text(By.id("main"))).isEmpty();

        browser.driver().findElement(By.id("token")).sendKeys("not-the-token");
        browser.driver().findElement(By.id("sign-in-button")).click();
        browser.showing(By.id("sign-in-error"), "Wrong token");
        assertThat(browser.driver().findElement(By.id("token")).getAttribute("value"))
                .isEmpty();

        browser.driver().findElement(By.id("token")).sendKeys(ConsoleInlet.TOKEN);
        browser.driver().findElement(By.id("sign-in-button")).click();
        browser.showing(By.tagName("h1"), "Dead letters");
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/dead-letters");
        assertThat(browser.driver().findElement(By.id("sign-in")).isDisplayed()).isFalse();

        browser.driver().navigate().refresh();
        browser.showing(By.tagName("h1"), "Dead letters");
        assertThat(browser.driver().findElement(By.id("sign-in")).isDisplayed()).isFalse();

        browser.driver().findElement(By.id("sign-out")).click();
        browser.visible(By.id("sign-in-form"));
        browser.driver().navigate().refresh();
        browser.visible(By.id("sign-in-form"));
    }

    @Test
    void theApiNeedsTheSessionAndAStateChangeNeedsTheCsrfToken() throws Exception {
        assertThat(inlet.request("GET", "/console/api/v1/admin/dead-letters", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(inlet.request("GET", "/console/api/session", null).statusCode())
                .isEqualTo(401);

        inlet.signIn(browser, "#/overview");
        // The page's own origin and cookie, without the header the console's code adds.
        Map<?, ?> without = fetch("{}");
        assertThat(without.get("status")).isEqualTo(403L);
        assertThat((String) without.get("body")).contains("\"7052\"");
        Map<?, ?> wrong = fetch("{'X-CSRF-Token': 'forged'}");
        assertThat(wrong.get("status")).isEqualTo(403L);
        Map<?, ?> read = (Map<?, ?>)
                browser.asyncScript(
                        """
                const done = arguments[arguments.length - 1];
                fetch('/console/api/v1/admin/dead-letters').then(async r => done({status: r.status}));
                """);
        assertThat(read.get("status")).isEqualTo(200L);
    }

    private static Map<?, ?> fetch(String headers) {
        return (Map<?, ?>) browser.asyncScript(
                """
                const done = arguments[arguments.length - 1];
                fetch('/console/api/v1/admin/dead-letters/0-1/replay', {method: 'POST', headers: %s})
                  .then(async r => done({status: r.status, body: await r.text()}));
                """
                        .formatted(headers));
    }
}
