package io.dmflow.api.testing;

import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets every await check its condition at once rather than after one poll interval: most conditions a test waits for
 * already hold, and the suite waits for thousands of them. Registered for all tests through JUnit's extension
 * auto-detection, on the Awaitility class the test class sees (a {@code @QuarkusTest} runs in Quarkus' class loader,
 * with its own copy of Awaitility's static defaults).
 */
public final class AwaitilityDefaults implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> awaitility = Class.forName(
                "org.awaitility.Awaitility",
                true,
                context.getRequiredTestClass().getClassLoader());
        awaitility.getMethod("setDefaultPollDelay", Duration.class).invoke(null, Duration.ZERO);
    }
}
