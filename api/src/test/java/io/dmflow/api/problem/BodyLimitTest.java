package io.dmflow.api.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A request body over its limit is a 413 problem on every kind of endpoint, whether it announces its length or is
 * sent in chunks: the JSON, XML and engine endpoints at dmflow.http.max-body-bytes (1 MiB by default), file uploads
 * at dmflow.resources.max-bytes (1 MiB in tests too, which the upload tests of BadTaskInputTest cover).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class BodyLimitTest {

    private static final int LIMIT = 1024 * 1024;

    @Test
    void aJsonBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() {
        byte[] body = tokenRequest(LIMIT + 1);
        long tokens = tokenCount();
        tooLarge(given().contentType(ContentType.JSON).body(body).post("/api/tokens"), "/api/tokens");
        tooLarge(
                given().contentType(ContentType.JSON)
                        .body(new ByteArrayInputStream(body))
                        .post("/api/tokens"),
                "/api/tokens");
        given().get("/api/tokens").then().statusCode(200).body("totalItems", equalTo((int) tokens));
    }

    @Test
    void aBodyUnderTheLimitIsReadWholeAndJudgedOnItsContent() {
        // Far above Quarkus' 10 KiB input buffer, so read as a stream, and still under the limit: the endpoint
        // reads it and refuses the name for its length, not the body for its size.
        byte[] body = tokenRequest(LIMIT - 1024);
        given().contentType(ContentType.JSON)
                .body(new ByteArrayInputStream(body))
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("parameter", equalTo("name"));
    }

    @Test
    void anXmlTemplateOverTheLimitIs413AndNotSaved() {
        StringBuilder xml = new StringBuilder("<config>");
        while (xml.length() <= LIMIT) {
            xml.append("<log message=\"a line that makes the template long\"/>");
        }
        byte[] body = xml.append("</config>").toString().getBytes(StandardCharsets.UTF_8);
        tooLarge(
                given().contentType(ContentType.XML).body(body).put("/api/templates/too-long"),
                "/api/templates/too-long");
        tooLarge(
                given().contentType(ContentType.XML)
                        .body(new ByteArrayInputStream(body))
                        .put("/api/templates/too-long"),
                "/api/templates/too-long");
        given().get("/api/templates/too-long").then().statusCode(404);
    }

    @Test
    void theEnginesEndpointsHaveTheSameLimit() {
        byte[] body = ("{\"bpmnProcessId\": \"" + "p".repeat(LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
        tooLarge(
                given().contentType(ContentType.JSON).body(body).post("/v2/process-instances"),
                "/v2/process-instances");
        tooLarge(
                given().contentType(ContentType.JSON)
                        .body(new ByteArrayInputStream(body))
                        .post("/v2/process-instances"),
                "/v2/process-instances");
    }

    private static void tooLarge(io.restassured.response.Response response, String path) {
        ValidatableResponse then = response.then().statusCode(413).contentType(Problem.MEDIA_TYPE);
        then.body("status", equalTo(413))
                .body("title", equalTo("Request body too large"))
                .body("parameter", equalTo("body"))
                .body("instance", equalTo(path))
                .body("detail", containsString(Integer.toString(LIMIT)))
                .body("detail", containsString("dmflow.http.max-body-bytes"));
    }

    private static byte[] tokenRequest(int size) {
        String start = "{\"name\": \"";
        String end = "\"}";
        return (start + "n".repeat(size - start.length() - end.length()) + end).getBytes(StandardCharsets.UTF_8);
    }

    private static long tokenCount() {
        return given().get("/api/tokens")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("totalItems");
    }
}
