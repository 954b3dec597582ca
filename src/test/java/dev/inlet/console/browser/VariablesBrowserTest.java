package dev.inlet.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The Variables page: a pasted sample's variables, then the "$" search offering them by keyboard. */
class VariablesBrowserTest {
    static final String ENDPOINT = "f0000000000000000000000000000001";
    static final String SAMPLE = "{\"data\":{\"id\":\"1\",\"attributes\":{\"tags\":[\"a\"],\"title\":\"x\"}}}";

    static ConsoleInlet inlet;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        inlet = ConsoleInlet.start(
                """
                services: [{ id: shop }]
                endpoints:
                  - { id: %2$s, service: shop, auth: none, format: json }
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
    void aSamplesVariablesAreShownAndDollarDataAttOffersTheirNamesByKeyboard() throws Exception {
        inlet.signIn(browser, "#/endpoints/" + ENDPOINT + "/variables");
        browser.visible(By.id("sample")).sendKeys(SAMPLE);
        browser.driver().findElement(By.id("parse")).click();
        browser.showing(By.id("parse-summary"), "names saved");
        assertThat(browser.text(By.id("parse-result")))
                .contains("$data.attributes.title")
                .contains("$data.attributes.tags[0]");

        WebElement search = browser.driver().findElement(By.id("var-search"));
        search.click();
        search.sendKeys("$data.att");
        List<String> offered = browser.until(d -> {
            List<String> names = d.findElements(By.cssSelector("#var-suggestions [role=option]")).stream()
                    .map(WebElement::getText)
                    .toList();
            return names.contains("$data.attributes.title") ? names : null;
        });
        assertThat(offered).containsExactly("$data.attributes.tags[0]", "$data.attributes.title");
        browser.screenshot("variables");

        search.sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.driver().findElement(By.id("var-option-1")).getAttribute("aria-selected"))
                .isEqualTo("true");
        search.sendKeys(Keys.ENTER);
        browser.until(d -> d.findElement(By.id("var-suggestions")).isDisplayed() ? null : true);
        assertThat(search.getAttribute("value")).isEqualTo("$data.attributes.title");

        // Inside an expression: only the name being typed is replaced.
        search.sendKeys(" == 'x' && $data.i");
        browser.until(d -> d.findElements(By.cssSelector("#var-suggestions [role=option]")).stream()
                .anyMatch(o -> o.getText().equals("$data.id")));
        search.sendKeys(Keys.ENTER);
        browser.until(d -> search.getAttribute("value").equals("$data.attributes.title == 'x' && $data.id"));

        // Escape closes the list without choosing.
        search.sendKeys(" $data.");
        browser.visible(By.id("var-suggestions"));
        search.sendKeys(Keys.ESCAPE);
        browser.until(d -> d.findElement(By.id("var-suggestions")).isDisplayed() ? null : true);
        assertThat(search.getAttribute("value")).endsWith("$data.id $data.");
    }
}
