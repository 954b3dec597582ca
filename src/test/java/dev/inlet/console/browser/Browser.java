package dev.inlet.console.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the Debian packages ({@code chromium}, {@code chromium-driver}), driven
 * through {@code /usr/bin/chromedriver}: both paths are set, so Selenium Manager never looks for
 * (or downloads) a browser or a driver. A test fails when they are missing: {@code .ci/run}
 * installs them. Each browser gets a fresh profile under {@code target/}; {@link #screenshot}
 * writes {@code target/console-screenshots/<name>.png}. Waits poll a condition, never sleep.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** Generous: the machine is shared, and a page may wait on a worker's attempt. */
    static final Duration WAIT = Duration.ofSeconds(20);

    static final List<String> FLAGS = List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1400,1000");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** A new headless Chromium with its own profile directory. */
    static Browser start() throws IOException {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: apt-get install -y --no-install-recommends chromium"
                        + " chromium-driver (.ci/run does)");
            }
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profiles = Path.of("target", "chromium-profiles").toAbsolutePath();
        Files.createDirectories(profiles);
        Path profile = Files.createTempDirectory(profiles, "profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(profile.resolve("chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(service, driver, profile);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /**
     * Waits (at most {@link #WAIT}) until {@code condition} holds; its value. A page that refreshes
     * itself (the overview, every 5 s) replaces its rows between a find and a read: a stale element
     * is one more try, not a failure.
     */
    <T> T until(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT)
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "not within " + WAIT.toSeconds() + " s on " + driver.getCurrentUrl() + ", which shows: " + shown(),
                    e);
        }
    }

    /** What the page shows (its first 2,000 characters), for a failure's message. */
    String shown() {
        try {
            String text = driver.findElement(By.tagName("body")).getText();
            return text.length() > 2_000 ? text.substring(0, 2_000) + "…" : text;
        } catch (RuntimeException e) {
            return "(no page: " + e.getMessage() + ")";
        }
    }

    /** The element once it is visible. */
    WebElement visible(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element's text contains {@code text}; the element. */
    WebElement showing(By by, String text) {
        until(d -> {
            List<WebElement> found = d.findElements(by);
            return !found.isEmpty()
                    && found.get(0).isDisplayed()
                    && found.get(0).getText().contains(text);
        });
        return driver.findElement(by);
    }

    /** The element's text, read again if the page replaced the element while it was read. */
    String text(By by) {
        return until(d -> d.findElement(by).getText());
    }

    /** Clicks the element, found again if the page replaced it before the click. */
    void click(By by) {
        until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    Object asyncScript(String js, Object... args) {
        return driver.executeAsyncScript(js, args);
    }

    /** Whether an alert, confirm or prompt dialog is open. */
    boolean dialogOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** Writes the page as {@code target/console-screenshots/<name>.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path to = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return to;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    Path profile() {
        return profile;
    }
}
