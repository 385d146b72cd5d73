package io.dmflow.api.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The admin every test signs in as: the test profile (and {@code DmflowProcess} for the packaged application) sets
 * {@code dmflow.auth.initial-admin-password} to {@link #PASSWORD}.
 */
public final class TestAdmin {

    public static final String USER = "admin";
    public static final String PASSWORD = "dmflow-test-admin";
    public static final String PASSWORD_SETTING = "dmflow.auth.initial-admin-password";

    private TestAdmin() {}

    /** The value of an {@code Authorization} header, for tests that use {@code java.net.http}. */
    public static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
