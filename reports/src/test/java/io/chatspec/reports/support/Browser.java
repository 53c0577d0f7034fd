package io.chatspec.reports.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Headless Chromium from the Debian packages, driven through the packaged chromedriver. Paths are fixed so that
 * Selenium Manager never runs (it would try to download a driver); a missing browser is a failure, not a skip,
 * because CI is supposed to have installed it.
 */
public final class Browser implements AutoCloseable {
    public static final String CHROMIUM = System.getProperty("chatspec.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("chatspec.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    public Browser() {
        for (String exe : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(exe))) {
                throw new AssertionError(exe + " is not installed. The browser checks of the reports module need "
                        + "Debian's Chromium: apt-get install -y chromium chromium-driver (.ci/run installs them).");
            }
        }
        try {
            profile = Files.createTempDirectory("chatspec-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(Path file) {
        driver.get(file.toAbsolutePath().normalize().toUri().toString());
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Screenshot of the whole page: the window is grown to the document height first (capped to stay small). */
    public Path screenshot(Path file, int maxHeight) {
        JavascriptExecutor js = driver;
        long height = (Long) js.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        long chrome = (Long) js.executeScript("return Math.max(0, window.outerHeight - window.innerHeight)");
        long viewport = Math.min(Math.max(height, 600), maxHeight - chrome);
        driver.manage().window().setSize(new Dimension(1400, (int) (viewport + chrome)));
        // The resize reaches the renderer asynchronously; wait for it rather than shoot a half-grown window.
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                (Long) js.executeScript("return window.innerHeight") >= viewport - 2);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver.manage().window().setSize(new Dimension(1400, 1000));
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
