package io.dmflow.api.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a browser test needs from the machine: headless Chromium ({@code DMFLOW_CHROMIUM}, default
 * /usr/bin/chromium), Node, and playwright-core, which the console module's build installs in console/target/npm.
 * A test without them is skipped, not failed: the CI image has them, a developer's machine may not.
 */
public final class BrowserTools {

    /** The npm folder of the console module's build, seen from the api module. */
    public static final Path NPM =
            Path.of("..", "console", "target", "npm").toAbsolutePath().normalize();

    private BrowserTools() {}

    /** The Chromium to run, once it is known that Chromium, Node and playwright-core are there. */
    public static Path chromium() throws InterruptedException {
        Path chromium = Path.of(System.getenv().getOrDefault("DMFLOW_CHROMIUM", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), "no Chromium at " + chromium + " (set DMFLOW_CHROMIUM)");
        assumeTrue(onPath("node"), "no node on the PATH");
        assumeTrue(Files.isDirectory(NPM.resolve("node_modules/playwright-core")), "no playwright-core in " + NPM);
        return chromium;
    }

    private static boolean onPath(String command) throws InterruptedException {
        try {
            return new ProcessBuilder(command, "--version")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
