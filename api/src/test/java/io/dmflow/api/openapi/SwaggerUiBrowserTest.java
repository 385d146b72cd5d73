package io.dmflow.api.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Swagger UI in a real browser (headless Chromium through playwright-core, src/test/browser/swagger-ui-token.mjs):
 * authorized with a viewer's API token, it executes GET /api/devices and gets 200. Skipped where Chromium
 * ({@code DMFLOW_CHROMIUM}, default /usr/bin/chromium), Node or the console module's npm folder (where
 * playwright-core is installed) is missing.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SwaggerUiBrowserTest {

    private static final long TIMEOUT_SECONDS = 120;

    @TestHTTPResource("/")
    URL base;

    @Test
    void swaggerUiExecutesAnOperationWithAnApiToken() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("DMFLOW_CHROMIUM", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), "no Chromium at " + chromium + " (set DMFLOW_CHROMIUM)");
        assumeTrue(onPath("node"), "no node on the PATH");
        Path modules = Path.of("..", "console", "target", "npm", "node_modules").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(modules.resolve("playwright-core")), "no playwright-core in " + modules);

        String token = given().contentType(ContentType.JSON)
                .body("{\"name\": \"swagger-ui-browser\", \"role\": \"viewer\"}").post("/api/tokens").then()
                .statusCode(201).extract().jsonPath().getString("token");
        Path script = Path.of("src", "test", "browser", "swagger-ui-token.mjs").toAbsolutePath();
        Path output = Files.createTempFile("swagger-ui-token", ".log");
        try {
            Process node = new ProcessBuilder("node", script.toString(), base.toString().replaceAll("/$", ""), token,
                    chromium.toString(), modules.toString()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean ended = node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                node.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended).as("the script ended within %d s:%n%s", TIMEOUT_SECONDS, log).isTrue();
            assertThat(node.exitValue()).as("failed steps:%n%s", log).isZero();
            assertThat(log).contains("ok   the bearer scheme takes the token")
                    .contains("ok   GET /api/devices executed with the token answers 200").doesNotContain("FAIL");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean onPath(String command) throws InterruptedException {
        try {
            return new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
