package io.dmflow.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a client reads from a problem's answer besides its body. */
class ProblemResponseTest {

    @Test
    void anUnavailableServiceSaysWhenToAskAgain() {
        Response response = ProblemMappers.problem(
                ProblemException.unavailable("dmflow is starting", "not yet", Duration.ofSeconds(5)), "/api/tasks");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(response.getEntity()).isInstanceOfSatisfying(Problem.class, problem -> {
            assertThat(problem.title()).isEqualTo("dmflow is starting");
            assertThat(problem.instance()).isEqualTo("/api/tasks");
        });
    }

    @Test
    void aClientsMistakeNamesNoTimeToAskAgain() {
        Response response = ProblemMappers.problem(
                ProblemException.badRequest("Invalid query parameter", "page must be a number", "page"), "/api/tasks");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }
}
