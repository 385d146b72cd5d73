package io.dmflow.api.observation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.delivery.InMemoryPackageSource;
import io.dmflow.lwm2m.delivery.PackageSource;
import io.dmflow.lwm2m.delivery.TransferProtocol;
import io.dmflow.lwm2m.observation.ObservationRecords;
import io.dmflow.lwm2m.operation.NotificationAttributes;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import io.dmflow.simulator.object.firmware.FirmwareState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Device data reaching PostgreSQL and packages leaving over HTTP, with simulated devices over UDP. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class DeviceDataTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String SENSOR = "/3303/0/5700";

    @Inject
    DeviceManagementServer server;

    @Inject
    ObservationRecords observations;

    @TestHTTPResource("/")
    URL http;

    private SimulatedFleet fleet;

    @AfterEach
    void closeFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    private SimulatedFleet start(String endpoint, SupportedObject... objects) {
        fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint(endpoint)
                .objects(objects)
                .sensorPeriod(Duration.ofMillis(200))
                .retainPackageBytes(true)
                .build()
                .start()
                .awaitRegistered(TIMEOUT);
        return fleet;
    }

    private static List<Map<String, Object>> history(String endpoint) {
        return given().queryParam("path", SENSOR)
                .get("/api/devices/{endpoint}/values/history", endpoint)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    @Test
    void observedValuesFillTheDataModelCacheAndTheTimeSeries() throws Exception {
        start("data-observed", SupportedObject.TEMPERATURE);
        server.operations()
                .writeAttributes(
                        "data-observed",
                        SENSOR,
                        new NotificationAttributes(null, 1L, null, null, null, null, null, null))
                .get(10, TimeUnit.SECONDS);
        server.observations().observe("data-observed", SENSOR).get(10, TimeUnit.SECONDS);

        await().atMost(TIMEOUT).until(() -> history("data-observed").size() >= 3);
        List<Map<String, Object>> series = history("data-observed");
        assertThat(series).allSatisfy(point -> {
            assertThat(point.get("path")).isEqualTo(SENSOR);
            assertThat(point.get("value")).isInstanceOf(Number.class);
        });
        String newest = (String) series.get(series.size() - 1).get("observedAt");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<Map<String, Object>> latest = given().get("/api/devices/{endpoint}/values", "data-observed")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
            assertThat(latest).hasSize(1);
            assertThat(latest.get(0).get("path")).isEqualTo(SENSOR);
            assertThat((String) latest.get(0).get("observedAt")).isGreaterThanOrEqualTo(newest);
        });
        assertThat(observations.observedPaths("data-observed")).containsExactly(SENSOR);
    }

    @Test
    void recordedObservationsAreSetUpAgainWhenTheDeviceRegisters() {
        // As after a restart of dmflow: the record survived in PostgreSQL, the live observation did not.
        observations.observed("data-restored", SENSOR);
        start("data-restored", SupportedObject.TEMPERATURE);
        // dmflow writes its record of the device after the registration: until then the history is a 404.
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(history("data-restored")).isNotEmpty());
    }

    @Test
    void aDevicePullsItsFirmwareOverHttp() throws Exception {
        byte[] image = PackageFormat.build("fw", "3.0.0", 1024 * 1024);
        start("data-http-pull", SupportedObject.FIRMWARE_UPDATE);
        PackageSource source = new InMemoryPackageSource("fw-3.0.0", image);
        URI uri = server.delivery()
                .pull("data-http-pull", "/5/0/1", source, TransferProtocol.HTTP, Optional.of(http.toURI()))
                .get(10, TimeUnit.SECONDS);
        assertThat(uri.getScheme()).isEqualTo("http");
        assertThat(uri.getPath()).startsWith("/packages/");

        await().atMost(TIMEOUT).until(() -> fleet.device().firmware().state() == FirmwareState.DOWNLOADED);
        assertThat(fleet.device().firmware().receivedBytes())
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(image));
        given().get(uri.getPath()).then().statusCode(200).header("Content-Length", String.valueOf(image.length));
    }

    @Test
    void theFleetListingShowsEachDevicesFirmwareVersionOnceItWasRead() {
        start("data-firmware-listed", SupportedObject.TEMPERATURE);
        given().queryParam("endpointPrefix", "data-firmware-")
                .get("/api/devices")
                .then()
                .statusCode(200)
                .body("items.endpoint", equalTo(List.of("data-firmware-listed")))
                .body("items[0].firmwareVersion", nullValue());

        given().contentType(ContentType.JSON)
                .body("{\"key\": \"/3/0/3\"}")
                .post("/api/devices/{endpoint}/operations/read", "data-firmware-listed")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUCCESS"));

        given().queryParam("endpointPrefix", "data-firmware-")
                .get("/api/devices")
                .then()
                .statusCode(200)
                .body(
                        "items[0].firmwareVersion",
                        equalTo(fleet.device().deviceObject().firmwareVersion()));
        given().get("/api/devices/{endpoint}", "data-firmware-listed")
                .then()
                .statusCode(200)
                .body("firmwareVersion", equalTo(fleet.device().deviceObject().firmwareVersion()));
    }

    @Test
    void anUnknownPackageTokenIsNotFound() {
        given().get("/packages/{token}", "no-such-token")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Unknown package"));
    }

    @Test
    void valuesOfAnUnknownDeviceAreAProblem() {
        given().get("/api/devices/{endpoint}/values", "nobody")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/devices/{endpoint}/values/history", "nobody").then().statusCode(404);
    }
}
