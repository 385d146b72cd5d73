package io.dmflow.api.device;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class DeviceRegistrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    DeviceManagementServer server;

    private URI coap() {
        return server.coapUri().orElseThrow();
    }

    private SimulatedFleet register(String endpoint, long lifetimeSeconds) {
        return SimulatedFleet.builder()
                .serverUri(coap())
                .endpoint(endpoint)
                .lifetime(Duration.ofSeconds(lifetimeSeconds))
                .build()
                .start()
                .awaitRegistered(TIMEOUT);
    }

    private static JsonPath device(String endpoint) {
        return given().get("/api/devices/{endpoint}", endpoint)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void awaitState(String endpoint, String state) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> given().get("/api/devices/{endpoint}", endpoint)
                        .then()
                        .statusCode(200)
                        .body("state", equalTo(state)));
    }

    @Test
    void aRegisteredDeviceIsVisibleWithWhatItsRegistrationSaid() {
        Instant before = Instant.now();
        try (SimulatedFleet device = register("reg-visible", 300)) {
            awaitState("reg-visible", "online");
            JsonPath json = device("reg-visible");
            assertThat(json.getString("registrationId")).isNotBlank();
            assertThat(json.getString("lwm2mVersion")).isEqualTo("1.1");
            assertThat(json.getString("binding")).isEqualTo("U");
            assertThat(json.getBoolean("queueMode")).isFalse();
            assertThat(json.getMap("supportedObjects")).containsKeys("1", "3");
            assertThat(json.getString("address")).startsWith("127.0.0.1:");
            assertThat(json.getLong("lifetimeSeconds")).isEqualTo(300);
            Instant first = Instant.parse(json.getString("firstRegisteredAt"));
            assertThat(first).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(Instant.parse(json.getString("lastContactAt"))).isAfterOrEqualTo(first);
            assertThat(Instant.parse(json.getString("registrationExpiresAt"))).isAfter(first.plusSeconds(290));
        }
    }

    @Test
    void updatesAndDeregistrationAreReflected() {
        String registrationId;
        try (SimulatedFleet device = register("reg-lifecycle", 300)) {
            awaitState("reg-lifecycle", "online");
            registrationId = device("reg-lifecycle").getString("registrationId");

            device.device().triggerRegistrationUpdate();
            await().atMost(TIMEOUT)
                    .untilAsserted(() -> given().get("/api/devices/{endpoint}", "reg-lifecycle")
                            .then()
                            .body("lastUpdatedAt", notNullValue())
                            .body("registrationId", equalTo(registrationId)));

            // An update carries what changed: here the lifetime, while the objects announced at registration stay.
            Instant expiringBefore = Instant.parse(device("reg-lifecycle").getString("registrationExpiresAt"));
            device.device().changeLifetime(Duration.ofSeconds(900));
            await().atMost(TIMEOUT)
                    .untilAsserted(() -> given().get("/api/devices/{endpoint}", "reg-lifecycle")
                            .then()
                            .body("lifetimeSeconds", equalTo(900)));
            JsonPath updated = device("reg-lifecycle");
            assertThat(Instant.parse(updated.getString("registrationExpiresAt")))
                    .isAfter(expiringBefore.plusSeconds(500));
            assertThat(updated.getMap("supportedObjects")).containsKeys("1", "3");
            assertThat(updated.getString("state")).isEqualTo("online");
        }
        // Closing the device deregisters it.
        awaitState("reg-lifecycle", "offline");
        given().get("/api/devices/{endpoint}", "reg-lifecycle").then().body("registrationExpiresAt", nullValue());

        try (SimulatedFleet reregistered = register("reg-lifecycle", 300)) {
            awaitState("reg-lifecycle", "online");
            JsonPath again = device("reg-lifecycle");
            assertThat(again.getString("registrationId")).isNotEqualTo(registrationId);
            assertThat(Instant.parse(again.getString("lastRegisteredAt")))
                    .isAfter(Instant.parse(again.getString("firstRegisteredAt")));
        }
    }

    @Test
    void aDeregistrationCountsAsTheDevicesLastContact() {
        Instant contactAtRegistration;
        try (SimulatedFleet device = register("reg-last-contact", 300)) {
            awaitState("reg-last-contact", "online");
            contactAtRegistration = Instant.parse(device("reg-last-contact").getString("lastContactAt"));
        }
        // Closing the device deregisters it.
        awaitState("reg-last-contact", "offline");
        assertThat(Instant.parse(device("reg-last-contact").getString("lastContactAt")))
                .isAfter(contactAtRegistration);
    }

    @Test
    void aDeviceWhoseLifetimeExpiresGoesOffline() {
        try (SimulatedFleet device = register("reg-expiring", 2)) {
            awaitState("reg-expiring", "online");
            device.device().goOffline();
            awaitState("reg-expiring", "offline");
        }
    }

    @Test
    void aQueueModeDeviceSleepsAfterItsAwakeTimeAndWakesWhenItSpeaks() {
        try (SimulatedFleet device = SimulatedFleet.builder()
                .serverUri(coap())
                .endpoint("reg-queue")
                .lifetime(Duration.ofSeconds(300))
                .queueMode(Duration.ofSeconds(30))
                .build()
                .start()
                .awaitRegistered(TIMEOUT)) {
            awaitState("reg-queue", "online");
            JsonPath json = device("reg-queue");
            assertThat(json.getBoolean("queueMode")).isTrue();
            assertThat(json.getString("binding")).isEqualTo("U");

            awaitState("reg-queue", "sleeping");
            Instant asleepSince = Instant.parse(device("reg-queue").getString("lastContactAt"));
            device.device().triggerRegistrationUpdate();
            awaitState("reg-queue", "online");
            assertThat(Instant.parse(device("reg-queue").getString("lastContactAt")))
                    .isAfter(asleepSince);
        }
    }

    @Test
    void listingFiltersByStateAndPrefixAndPages() {
        try (SimulatedFleet a = register("list-a1", 300);
                SimulatedFleet b = register("list-a2", 300);
                SimulatedFleet c = register("list-b1", 300)) {
            awaitState("list-a1", "online");
            awaitState("list-a2", "online");
            awaitState("list-b1", "online");
            b.close();
            awaitState("list-a2", "offline");

            given().queryParam("endpointPrefix", "list-a")
                    .get("/api/devices")
                    .then()
                    .statusCode(200)
                    .body("totalItems", equalTo(2))
                    .body("items.endpoint", hasItem("list-a1"))
                    .body("items.endpoint", hasItem("list-a2"))
                    .body("items.endpoint", not(hasItem("list-b1")));
            given().queryParam("endpointPrefix", "list-")
                    .queryParam("state", "online")
                    .get("/api/devices")
                    .then()
                    .body("totalItems", equalTo(2))
                    .body("items.endpoint", not(hasItem("list-a2")));
            given().queryParam("endpointPrefix", "list-")
                    .queryParam("size", 2)
                    .queryParam("page", 1)
                    .get("/api/devices")
                    .then()
                    .body("items.size()", equalTo(1))
                    .body("totalPages", equalTo(2))
                    .body("items[0].endpoint", equalTo("list-b1"));
            given().queryParam("endpointPrefix", "list_")
                    .get("/api/devices")
                    .then()
                    .body("totalItems", equalTo(0));
        }
    }

    @Test
    void anUnknownEndpointIsAProblem() {
        given().get("/api/devices/{endpoint}", "never-seen")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Unknown device"))
                .body("detail", containsString("never-seen"))
                .body("instance", equalTo("/api/devices/never-seen"));
    }

    @Test
    void badListingParametersNameTheParameter() {
        given().queryParam("state", "asleep")
                .get("/api/devices")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo("state"))
                .body("detail", containsString("online, sleeping, offline"));
        given().queryParam("size", 0).get("/api/devices").then().statusCode(400).body("parameter", equalTo("size"));
        given().queryParam("page", "x")
                .get("/api/devices")
                .then()
                .statusCode(greaterThan(399))
                .contentType("application/problem+json");
    }
}
