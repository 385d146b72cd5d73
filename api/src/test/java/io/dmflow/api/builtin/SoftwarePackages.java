package io.dmflow.api.builtin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.object.software.SoftwareManagement;
import io.dmflow.simulator.object.software.SoftwareUpdateState;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** What the software tests do over and over: stored packages, install and uninstall tasks, and their ends. */
final class SoftwarePackages {

    static final String TYPE = "Lwm2mSoftwareManagementTask";
    static final String NAME = "dmflow-app";

    private SoftwarePackages() {}

    /** Stores a package of {@code version} (a few blocks: small enough to be quick, large enough to be block-wise). */
    static String store(String id, String version) {
        byte[] bytes = PackageFormat.build(NAME, version, 3000);
        given().contentType(ContentType.BINARY)
                .body(bytes)
                .put("/api/resources/{id}/data?category=software", id)
                .then()
                .statusCode(anyOf(equalTo(200), equalTo(201)));
        return id;
    }

    /** Submits an install of {@code resourceId}; {@code properties} are further JSON members, or blank. */
    static String install(String endpoint, String resourceId, String properties) {
        String more = properties.isBlank() ? "" : ", " + properties;
        return BuiltInTaskRuns.submit(TYPE, endpoint, installOf(resourceId) + more);
    }

    /** The properties of an install of {@code resourceId} that polls the state every second. */
    static String installOf(String resourceId) {
        return """
                "operation": "install", "resourceId": "%s", "statePollInterval": "PT1S\"""".formatted(resourceId);
    }

    /** Installs {@code version} on instance 0 and waits for the install to succeed. */
    static JsonPath installed(String endpoint, String version) {
        String resource = store("sw-" + endpoint + "-" + version, version);
        return BuiltInTaskRuns.ended(install(endpoint, resource, ""), "SUCCESS");
    }

    /** How many times the instance started receiving a package. */
    static long downloads(SoftwareManagement software) {
        return software.stateHistory().stream()
                .filter(state -> state == SoftwareUpdateState.DOWNLOAD_STARTED)
                .count();
    }
}
