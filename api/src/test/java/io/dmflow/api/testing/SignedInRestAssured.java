package io.dmflow.api.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Signs every test's RestAssured requests in as {@link TestAdmin} (preemptive HTTP Basic), since every {@code /api}
 * and {@code /v2} path needs a user. Registered for all tests through JUnit's extension auto-detection; a test of
 * access itself asks for other credentials, or none, with {@code given().auth()}.
 * <p>
 * Set through the RestAssured class the test class sees: a {@code @QuarkusTest} runs in Quarkus' class loader,
 * which has its own copy of RestAssured's static settings.
 */
public final class SignedInRestAssured implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        signIn(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        signIn(context);
    }

    private static void signIn(ExtensionContext context) throws ReflectiveOperationException {
        Class<?> restAssured = Class.forName(
                "io.restassured.RestAssured",
                true,
                context.getRequiredTestClass().getClassLoader());
        Object preemptive = restAssured.getMethod("preemptive").invoke(null);
        Object basic = preemptive
                .getClass()
                .getMethod("basic", String.class, String.class)
                .invoke(preemptive, TestAdmin.USER, TestAdmin.PASSWORD);
        restAssured.getField("authentication").set(null, basic);
    }
}
