package io.dmflow.api.task;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bad request about templates, tasks and files is answered with a problem that says what and where, and creates nothing. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class BadTaskInputTest {

    @Inject
    DeviceManagementServer server;

    private static boolean prepared;

    @BeforeAll
    static void noop() {
        // the device and template are prepared once, in the first test that needs them (CDI is not ready here)
    }

    private void prepare() {
        if (prepared) {
            return;
        }
        TaskApi.registerOnce(server.coapUri().orElseThrow(), "bad-input-device");
        TaskApi.saveTemplate("bad-input-template", "<config><log message=\"hello\"/></config>");
        given().put("/api/groups/root.bad-input").then().statusCode(201);
        prepared = true;
    }

    private static long taskCount() {
        return given().get("/api/tasks?size=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("totalItems");
    }

    private ValidatableResponse postTask(String json) {
        prepare();
        long before = taskCount();
        ValidatableResponse response = given().contentType(ContentType.JSON)
                .body(json)
                .post("/api/tasks")
                .then()
                .contentType("application/problem+json");
        assertThat(taskCount()).as("no task is created by a bad request").isEqualTo(before);
        return response;
    }

    @Test
    void aTemplateWithErrorsIsRefusedWithEveryErrorsLineAndColumn() {
        String xml = """
                <config>
                  <store target="x" value="${'a' - 1}"/>
                  <nosuchtag/>
                </config>""";
        given().contentType(ContentType.XML)
                .body(xml)
                .put("/api/templates/broken")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Template does not compile"))
                .body("errors", hasSize(2))
                .body("errors[0].line", equalTo(2))
                .body("errors[1].line", equalTo(3))
                .body("errors[1].column", equalTo(3))
                .body("detail", containsString("line 2"));
        given().get("/api/templates/broken").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aTaskForAnUnknownDeviceIsRefused() {
        postTask("""
                {"template": "bad-input-template", "target": {"device": "never-seen"}}""")
                .statusCode(400)
                .body("parameter", equalTo("target.device"))
                .body("detail", containsString("never-seen"));
    }

    @Test
    void aTaskForAnUnknownGroupIsRefused() {
        postTask("""
                {"template": "bad-input-template", "target": {"group": "root.nowhere"}}""")
                .statusCode(400)
                .body("parameter", equalTo("target.group"))
                .body("detail", containsString("root.nowhere"));
    }

    @Test
    void aTaskWithAnUnknownTemplateProcessOrTypeIsRefused() {
        postTask("""
                {"template": "no-such-template", "target": {"device": "bad-input-device"}}""").statusCode(400).body("parameter", equalTo("template"));
        postTask("""
                {"process": "no-such-process", "target": {"device": "bad-input-device"}}""").statusCode(400).body("parameter", equalTo("process"));
        postTask("""
                {"type": "NoSuchTask", "target": {"device": "bad-input-device"}}""")
                .statusCode(400)
                .body("parameter", equalTo("type"))
                .body("detail", containsString("Lwm2mFirmwareUpdateTask"));
        postTask("""
                {"type": "Lwm2mSoftwareManagementTask", "target": {"device": "bad-input-device"}}""").statusCode(400).body("parameter", equalTo("properties.operation"));
    }

    @Test
    void aTaskWithoutATargetIsRefused() {
        postTask("""
                {"template": "bad-input-template"}""").statusCode(400).body("parameter", equalTo("target"));
        postTask("""
                {"template": "bad-input-template", "target": {"device": "bad-input-device", "group": "root.bad-input"}}""").statusCode(400).body("parameter", equalTo("target"));
    }

    @Test
    void aNegativeOrFractionalPriorityIsRefused() {
        postTask("""
                {"template": "bad-input-template", "target": {"device": "bad-input-device"}, "priority": -1}""").statusCode(400).body("parameter", equalTo("priority")).body("detail", containsString("-1"));
        postTask("""
                {"template": "bad-input-template", "target": {"device": "bad-input-device"}, "priority": 1.5}""").statusCode(400).body("parameter", equalTo("priority"));
    }

    @Test
    void propertiesThatAreNotStringsAreRefused() {
        postTask("""
                {"template": "bad-input-template", "target": {"device": "bad-input-device"},
                 "properties": {"intervalTime": 1}}""")
                .statusCode(400)
                .body("parameter", equalTo("properties.intervalTime"))
                .body("detail", containsString("string"));
    }

    @Test
    void unknownFieldsAndMalformedJsonAreRefusedSayingWhere() {
        postTask("""
                {"template": "bad-input-template", "target": {"device": "bad-input-device"}, "priorty": 3}""").statusCode(400).body("parameter", equalTo("priorty"));
        postTask("{\"template\": \"bad-input-template\",\n \"target\": }")
                .statusCode(400)
                .body("title", equalTo("Malformed JSON"))
                .body("detail", containsString("line 2"));
        postTask("[1, 2]").statusCode(400).body("parameter", equalTo("body"));
    }

    @Test
    void aFileOverTheLimitIs413AndLeavesNothingBehind() {
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        given().contentType(ContentType.BINARY)
                .body(twoMiB)
                .put("/api/resources/too-big/data")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("1048576"));
        given().get("/api/resources/too-big").then().statusCode(404);
        // Without a Content-Length the stream is cut at the limit, and still nothing stays.
        given().contentType(ContentType.BINARY)
                .body(new RepeatingStream(2 * 1024 * 1024))
                .put("/api/resources/too-big-streamed/data")
                .then()
                .statusCode(413);
        given().get("/api/resources/too-big-streamed").then().statusCode(404);
    }

    @Test
    void aStoredFileStreamsBackWholeOrByRange() {
        byte[] data = new byte[600 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251);
        }
        given().contentType(ContentType.BINARY)
                .body(data)
                .put("/api/resources/fw-range/data?category=firmware")
                .then()
                .statusCode(201)
                .body("size", equalTo(data.length))
                .body("category", equalTo("firmware"));
        byte[] whole = given().get("/api/resources/fw-range/data")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(whole).isEqualTo(data);
        byte[] part = given().header("Range", "bytes=300000-300009")
                .get("/api/resources/fw-range/data")
                .then()
                .statusCode(206)
                .header("Content-Range", equalTo("bytes 300000-300009/" + data.length))
                .extract()
                .asByteArray();
        assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(data, 300000, 300010));
        given().header("Range", "bytes=" + data.length + "-")
                .get("/api/resources/fw-range/data")
                .then()
                .statusCode(416);
        given().get("/api/resources/fw-range")
                .then()
                .statusCode(200)
                .body("sha256", startsWith(""))
                .body("size", equalTo(data.length));
    }

    @Test
    void groupsAndPropertiesRefuseBadPathsAndInheritValues() {
        given().put("/api/groups/root..x")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo("path"));
        given().put("/api/groups/inherit.eu.north").then().statusCode(201);
        given().contentType(ContentType.TEXT)
                .body("from-root")
                .put("/api/groups/inherit/properties/level")
                .then()
                .statusCode(200);
        given().contentType(ContentType.TEXT)
                .body("eu")
                .put("/api/groups/inherit.eu/properties/region")
                .then()
                .statusCode(200);
        given().put("/api/groups/inherit.eu.north/members/inherit-device")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body("\"own\"")
                .put("/api/devices/inherit-device/properties/level")
                .then()
                .statusCode(200);
        var properties = given().get("/api/devices/inherit-device/properties")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(properties.getMap("")).containsOnlyKeys("level", "region");
        assertThat(properties.<String, String>getMap("level"))
                .containsEntry("value", "own")
                .containsEntry("source", "device");
        assertThat(properties.<String, String>getMap("region"))
                .containsEntry("value", "eu")
                .containsEntry("source", "group:inherit.eu");
        given().contentType(ContentType.JSON)
                .body("42")
                .put("/api/devices/inherit-device/properties/level")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().delete("/api/groups/inherit.eu").then().statusCode(409);
        List<String> members = given().get("/api/groups/inherit.eu.north/members")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertThat(members).containsExactly("inherit-device");
    }

    /** A body of {@code size} bytes with no known length, so the server cannot refuse it by its header. */
    private static final class RepeatingStream extends InputStream {
        private long remaining;

        RepeatingStream(long size) {
            remaining = size;
        }

        @Override
        public int read() {
            return remaining-- > 0 ? 'x' : -1;
        }
    }
}
