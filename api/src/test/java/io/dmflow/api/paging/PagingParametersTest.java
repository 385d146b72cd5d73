package io.dmflow.api.paging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every paged listing answers a page or size that is not a number, or out of range, with a 400 naming it. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class PagingParametersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/devices",
                "/api/tasks",
                "/api/executions",
                "/api/templates",
                "/api/processes",
                "/api/groups",
                "/api/resources",
                "/api/users",
                "/api/tokens"
            })
    void aBadPageOrSizeIsA400NamingIt(String listing) {
        given().queryParam("size", "abc")
                .get(listing)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo("size"))
                .body("detail", containsString("abc"));
        given().queryParam("page", "1.5").get(listing).then().statusCode(400).body("parameter", equalTo("page"));
        given().queryParam("size", "0").get(listing).then().statusCode(400).body("parameter", equalTo("size"));
        given().queryParam("page", "-1").get(listing).then().statusCode(400).body("parameter", equalTo("page"));
        given().queryParam("page", "0")
                .queryParam("size", "2")
                .get(listing)
                .then()
                .statusCode(200);
    }
}
