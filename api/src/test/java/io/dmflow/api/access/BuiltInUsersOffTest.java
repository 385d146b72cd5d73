package io.dmflow.api.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmflow.api.startup.CannotStart;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Turning the built-in users off leaves signing in to OIDC: without OIDC on, nobody could, so dmflow does not start. */
class BuiltInUsersOffTest {

    private static BuiltInUsersOff check(boolean builtInUsers, boolean oidc) {
        BuiltInUsersOff check = new BuiltInUsersOff();
        check.config = new AccessConfig() {
            @Override
            public Optional<String> initialAdminPassword() {
                return Optional.empty();
            }

            @Override
            public BuiltInUsers builtInUsers() {
                return () -> builtInUsers;
            }
        };
        check.oidc = oidc;
        return check;
    }

    @Test
    void builtInUsersOffWithoutOidcIsRefusedAtStart() {
        assertThatThrownBy(() -> check(false, false).onStart(null))
                .isInstanceOf(CannotStart.class)
                .hasMessageContaining("dmflow.auth.built-in-users.enabled=false needs OIDC")
                .hasMessageContaining("quarkus.oidc.tenant-enabled=true");
    }

    @Test
    void builtInUsersOffWithOidcOrOnStart() {
        assertThatCode(() -> check(false, true).onStart(null)).doesNotThrowAnyException();
        assertThatCode(() -> check(true, false).onStart(null)).doesNotThrowAnyException();
    }
}
