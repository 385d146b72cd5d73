package io.dmflow.api.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.api.testing.BrowserTools;
import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Swagger UI in a real browser (headless Chromium through playwright-core, src/test/browser/swagger-ui-token.mjs):
 * authorized with a viewer's API token, it executes GET /api/devices and gets 200. Skipped without what
 * {@link BrowserTools} needs.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SwaggerUiBrowserTest {

    private static final long TIMEOUT_SECONDS = 120;

    @TestHTTPResource("/")
    URL base;

    @Test
    void swaggerUiExecutesAnOperationWithAnApiToken() throws Exception {
        Path chromium = BrowserTools.chromium();
        Path modules = BrowserTools.NPM.resolve("node_modules");

        String token = given().contentType(ContentType.JSON)
                .body("{\"name\": \"swagger-ui-browser\", \"role\": \"viewer\"}")
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("token");
        Path script = Path.of("src", "test", "browser", "swagger-ui-token.mjs").toAbsolutePath();
        Path output = Files.createTempFile("swagger-ui-token", ".log");
        try {
            Process node = new ProcessBuilder(
                            "node",
                            script.toString(),
                            base.toString().replaceAll("/$", ""),
                            token,
                            chromium.toString(),
                            modules.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean ended = node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                node.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended)
                    .as("the script ended within %d s:%n%s", TIMEOUT_SECONDS, log)
                    .isTrue();
            assertThat(node.exitValue()).as("failed steps:%n%s", log).isZero();
            assertThat(log)
                    .contains("ok   the bearer scheme takes the token")
                    .contains("ok   GET /api/devices executed with the token answers 200")
                    .doesNotContain("FAIL");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
