package io.dmflow.engine;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** In remote mode a Camunda 8 cluster serves /v2: this application answers 404 and runs no engine. */
@QuarkusTest
@TestProfile(RemoteModeTest.Remote.class)
class RemoteModeTest {

    public static class Remote implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dmflow.engine.mode", "remote");
        }
    }

    @Test
    void v2IsNotServed() {
        given().when()
                .get("/v2/topology")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("NOT_FOUND"));
        given().contentType("application/json")
                .body("{\"type\":\"x\",\"timeout\":1000,\"maxJobsToActivate\":1}")
                .when()
                .post("/v2/jobs/activation")
                .then()
                .statusCode(404);
    }
}
