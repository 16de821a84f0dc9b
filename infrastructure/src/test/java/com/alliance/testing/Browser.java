package com.alliance.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: nothing is downloaded, so the
 * browser tests run wherever {@code apt-get install chromium chromium-driver} has (as .ci/run does).
 * A fresh profile per browser; screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("alliance.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("alliance.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of(System.getProperty("alliance.screenshots", "target/screenshots"));
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final URI console;
    private final List<String> consoleErrors = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile, URI console) {
        this.driver = driver;
        this.profile = profile;
        this.console = console;
    }

    /** A headless chromium at a desktop width, on the console at {@code console}, preferring English. */
    public static Browser open(URI console) {
        return open(console, "en-US");
    }

    /**
     * A headless chromium whose preferred language is {@code language} (e.g. "zh-CN") and whose own time zone is
     * New York, far from Beijing, so a time the console shows in China Standard Time cannot be the browser's by chance.
     */
    public static Browser open(URI console, String language) {
        assertThat(CHROMIUM).as("chromium is needed for the browser tests: apt-get install -y chromium chromium-driver "
                + "(.ci/run does it)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is needed for the browser tests: apt-get install -y chromium-driver")
                .isExecutable();
        Path profile;
        try {
            profile = Files.createTempDirectory("alliance-chromium-");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--disable-default-apps", "--mute-audio", "--window-size=1280,1000",
                "--lang=" + language, "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("TZ", "America/New_York")).build();
        Browser browser = new Browser(new ChromeDriver(service, options), profile, console);
        browser.driver.manage().timeouts().scriptTimeout(PATIENCE);
        return browser;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a console route such as {@code #/brand/products}, reloading the page so it reads fresh data. */
    public void go(String hash) {
        driver.get(console.resolve("/") + hash);
        driver.navigate().refresh();
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    public WebElement find(String css) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Clicks the element once it can take the click: centred first, and tried again while a toast covers it (it hides after 5 s). */
    public void click(String css) {
        new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class)
                .ignoring(ElementClickInterceptedException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
                    if (element == null) {
                        return false;
                    }
                    driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
                    element.click();
                    return true;
                });
    }

    public void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Waits until no element matches {@code css} (a card removed from a list, say). */
    public void gone(String css) {
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the element's text contains {@code text}; answers the element's whole text. */
    public String waitForText(String css, String text) {
        // the text is read in the same step that finds the element: a screen that renders again between a find
        // and a read leaves a stale element, which is found afresh
        return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(d -> {
            String shown = d.findElement(By.cssSelector(css)).getText();
            return shown.contains(text) ? shown : null;
        });
    }

    /** Signs in as one of the demo's parties by its button on the sign-in page. */
    public void signInAs(String role, String party) {
        go("#/signin");
        click("button.party[data-role='" + role + "'][data-party='" + party + "']");
        find("[data-test='signed-in-as']");
    }

    /** Reopens {@code hash} until {@code shown} (read from the page) equals {@code expected}, for at most {@code patience}. */
    public void eventually(String hash, Supplier<String> shown, String expected, Duration patience) {
        Instant giveUp = Instant.now().plus(patience);
        String last;
        do {
            go(hash);
            try {
                last = shown.get();
            } catch (TimeoutException slow) {
                // the page did not show it in time (a slow, busy machine): look again while patience lasts
                last = "not shown: " + slow.getMessage().lines().findFirst().orElse("");
            }
        } while (!last.equals(expected) && Instant.now().isBefore(giveUp));
        assertThat(last).as("shown on " + hash).isEqualTo(expected);
    }

    /** "¥1,234.56" → 1234.56: a test reads what the page shows, as a person would. */
    public static BigDecimal yuan(String shown) {
        return new BigDecimal(shown.replace("¥", "").replace(",", "").trim());
    }

    /** Whether the page scrolls sideways: at a phone's width nothing may. */
    public boolean overflowsSideways() {
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        return Boolean.TRUE.equals(overflow);
    }

    public Object script(String asyncScript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(asyncScript, arguments);
    }

    /** Lets the page settle (loading lines gone, passing messages hidden), then saves {@code target/screenshots/name.png}. */
    public Path screenshot(String name) {
        new WebDriverWait(driver, PATIENCE).until(d -> d.findElements(By.cssSelector(".loading")).isEmpty());
        ((JavascriptExecutor) driver).executeScript("document.getElementById('toast').hidden = true;");
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Script errors and content-security refusals the page logged since the last call. A failed
     * request is not one: the console explains those on the page.
     */
    public List<String> scriptErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && !entry.getMessage().contains("Failed to load resource")) {
                consoleErrors.add(entry.getMessage());
            }
        }
        List<String> errors = List.copyOf(consoleErrors);
        consoleErrors.clear();
        return errors;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove the browser profile " + profile + ": " + e.getMessage());
            }
        }
    }
}
