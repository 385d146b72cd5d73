package io.dmflow.api.firmware;

import static io.dmflow.api.firmware.FirmwareDevices.NEW_VERSION;
import static io.dmflow.api.firmware.FirmwareDevices.ended;
import static io.dmflow.api.firmware.FirmwareDevices.start;
import static io.dmflow.api.firmware.FirmwareDevices.storeImage;
import static io.dmflow.api.firmware.FirmwareDevices.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.quota.PostgresQuotas;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.object.firmware.FirmwareState;
import io.dmflow.simulator.object.firmware.FirmwareUpdate.StateChange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * useQuota: the firmware quota (2 slots in these tests) lets at most that many devices transfer at once, counted
 * from the devices' own state changes, and every update still ends; a timeout gives its slot back.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(FirmwareSettings.class)
class FirmwareQuotaTest {

    private static final String QUOTA = "firmware";

    @Inject
    DeviceManagementServer server;

    @Inject
    PostgresQuotas quotas;

    private URI coap() {
        return server.coapUri().orElseThrow();
    }

    @Test
    void aQuotaOfTwoLetsAtMostTwoOfFiveDevicesTransferAtOnceAndAllSucceed() {
        String image = storeImage("fw-quota-image");
        List<String> endpoints =
                IntStream.range(0, 5).mapToObj(i -> "fw-quota-" + i).toList();
        SimulatedFleet.Builder builder = SimulatedFleet.builder()
                .serverUri(coap())
                .endpointPrefix("fw-quota-")
                .count(5)
                .firmwareVersion(FirmwareDevices.OLD_VERSION)
                .lifetime(Duration.ofSeconds(300));
        try (SimulatedFleet fleet = start(builder, endpoints.toArray(String[]::new))) {
            for (SimulatedDevice device : fleet.devices()) {
                // Time spent checking the package after its bytes arrived: the transfers must overlap to be capped.
                device.firmware().faults().downloadDuration(Duration.ofMillis(800));
            }
            List<String> executions = endpoints.stream()
                    .map(endpoint -> update(endpoint, image, "\"useQuota\": \"true\""))
                    .toList();

            for (String execution : executions) {
                ended(execution, "SUCCESS");
            }
            for (SimulatedDevice device : fleet.devices()) {
                assertThat(device.deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
            }
            assertThat(mostTransferringAtOnce(fleet.devices())).isEqualTo(FirmwareSettings.QUOTA);
            assertThat(quotas.taken(QUOTA)).isZero();
        }
    }

    @Test
    void aTimeoutEndsTheUpdateInErrorAndFreesItsQuotaSlot() {
        String image = storeImage("fw-timeout-image");
        try (SimulatedFleet fleet = start(FirmwareDevices.fleet(coap(), "fw-timeout"), "fw-timeout")) {
            fleet.device().goOffline();
            String execution = update("fw-timeout", image, "\"useQuota\": \"true\", \"timeoutInSec\": \"4\"");
            await().atMost(FirmwareDevices.TIMEOUT).until(() -> quotas.taken(QUOTA) == 1);

            JsonPath ended = ended(execution, "ERROR");

            assertThat(ended.getString("details")).contains("did not end within PT4S");
            assertThat(quotas.taken(QUOTA)).isZero();
        }
    }

    /** The most devices that were between Downloading and Downloaded at the same moment. */
    private static int mostTransferringAtOnce(List<SimulatedDevice> devices) {
        record Edge(Instant at, int change) {}
        List<Edge> edges = new ArrayList<>();
        for (SimulatedDevice device : devices) {
            for (StateChange change : device.firmware().stateChanges()) {
                if (change.state() == FirmwareState.DOWNLOADING) {
                    edges.add(new Edge(change.at(), 1));
                } else if (change.state() == FirmwareState.DOWNLOADED) {
                    edges.add(new Edge(change.at(), -1));
                }
            }
        }
        // At the same instant an end counts before a start: touching windows do not overlap.
        edges.sort(
                (a, b) -> a.at().equals(b.at()) ? Integer.compare(a.change(), b.change()) : a.at().compareTo(b.at()));
        int now = 0;
        int most = 0;
        for (Edge edge : edges) {
            now += edge.change();
            most = Math.max(most, now);
        }
        return most;
    }
}
