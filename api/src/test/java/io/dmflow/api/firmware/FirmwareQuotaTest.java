package io.dmflow.api.firmware;

import static io.dmflow.api.firmware.FirmwareDevices.NEW_VERSION;
import static io.dmflow.api.firmware.FirmwareDevices.ended;
import static io.dmflow.api.firmware.FirmwareDevices.start;
import static io.dmflow.api.firmware.FirmwareDevices.storeImage;
import static io.dmflow.api.firmware.FirmwareDevices.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.quota.PostgresQuotas;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.object.firmware.FirmwareState;
import io.dmflow.simulator.object.firmware.FirmwareUpdate.StateChange;
import io.dmflow.simulator.transport.LinkDrop;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * useQuota: the firmware quota (2 slots in these tests) lets at most that many devices transfer at once, counted
 * from the devices' own state changes, and every update still ends. A slot is given back when the device reports
 * Downloaded, and handed at once to the first device in line, so the next transfer starts while the first devices
 * still update; waiters are served first come, first served; however an update ends (failure, refusal, timeout,
 * cancellation, ignoreFaults) it leaves no slot and no place in line behind.
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

    /** When dmflow sent each device its requests, as the adapter times them. */
    private static final Map<String, List<Instant>> REQUESTS = new ConcurrentHashMap<>();

    private static final AtomicBoolean LISTENING = new AtomicBoolean();

    private URI coap() {
        return server.coapUri().orElseThrow();
    }

    @BeforeEach
    void listenToRequests() {
        if (LISTENING.compareAndSet(false, true)) {
            server.addRequestListener((endpoint, operation, outcome, took) -> REQUESTS.computeIfAbsent(
                            endpoint, key -> new CopyOnWriteArrayList<>())
                    .add(Instant.now().minus(took)));
        }
    }

    @Test
    void aQuotaOfTwoLetsAtMostTwoOfFiveDevicesTransferAtOnceAndAllSucceed() {
        String image = storeImage("fw-quota-image");
        try (SimulatedFleet fleet = fleetOf("fw-quota-", 5)) {
            for (SimulatedDevice device : fleet.devices()) {
                // Time spent checking the package after its bytes arrived: the transfers must overlap to be capped.
                device.firmware().faults().downloadDuration(Duration.ofMillis(800));
            }
            List<String> executions = fleet.devices().stream()
                    .map(device -> update(device.endpoint(), image, "\"useQuota\": \"true\""))
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
    void aTimeoutEndsTheUpdateInErrorAndFreesItsQuotaSlotAndItsBlockingHold() {
        String image = storeImage("fw-timeout-image");
        TaskApi.saveTemplate("fw-after-timeout", "<config><set key=\"/3/0/15\" value=\"After-Timeout\"/></config>");
        try (SimulatedFleet fleet = start(FirmwareDevices.fleet(coap(), "fw-timeout"), "fw-timeout")) {
            // The slot is taken just before the delivery: the device is read and observed, then its link drops.
            fleet.device().dropOffAt(LinkDrop.beforeRequest("PUT", "/5/0/0"));
            String execution = TaskApi.executionOf(TaskApi.submit("""
                    {"type": "Lwm2mFirmwareUpdateTask", "target": {"device": "fw-timeout"}, "blocking": true,
                     "properties": {"resourceId": "%s", "statePollInterval": "PT1S", "useQuota": "true",
                                    "timeoutInSec": "4"}}""".formatted(image)));
            await().atMost(FirmwareDevices.TIMEOUT).until(() -> quotas.taken(QUOTA) == 1);
            TaskApi.awaitStatus(execution, "WAITING_FOR_DEVICE");
            String next = TaskApi.executionOf(TaskApi.submit("""
                    {"template": "fw-after-timeout", "target": {"device": "fw-timeout"}}"""));
            assertThat(TaskApi.status(next))
                    .as("held behind the blocking update")
                    .isEqualTo("QUEUED");

            JsonPath ended = ended(execution, "ERROR");

            assertThat(ended.getString("details")).contains("did not end within PT4S");
            assertThat(quotas.taken(QUOTA)).isZero();
            // The hold is given back: the next task starts, and waits for the device it finds offline.
            TaskApi.awaitStatus(next, "WAITING_FOR_DEVICE");
            fleet.device().comeBack();
            TaskApi.ended(next, "SUCCESS", FirmwareDevices.TIMEOUT);
        }
    }

    @Test
    void aDeviceThatIsAwayBeforeItsDeliveryWaitsWithoutHoldingASlot() {
        String image = storeImage("fw-away-image");
        try (SimulatedFleet fleet = start(FirmwareDevices.fleet(coap(), "fw-away"), "fw-away")) {
            fleet.device().goOffline();
            String execution = update("fw-away", image, "\"useQuota\": \"true\"");
            TaskApi.awaitStatus(execution, "WAITING_FOR_DEVICE");

            assertThat(quotas.holders(QUOTA)).doesNotContain(execution);
            assertThat(quotas.waiting(QUOTA)).doesNotContain(execution);

            fleet.device().comeBack();
            ended(execution, "SUCCESS");
            assertThat(fleet.device().deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
            assertThat(quotas.holders(QUOTA)).doesNotContain(execution);
        }
    }

    @Test
    void aSlotGivenBackAtDownloadedGoesAtOnceToTheDeviceInLineWhileTheOthersStillUpdate() {
        String image = storeImage("fw-handover-image");
        try (SimulatedFleet fleet = fleetOf("fw-handover-", 3)) {
            for (SimulatedDevice device : fleet.devices()) {
                // The first two check their package long enough for the third to be in line before they finish.
                device.firmware().faults().downloadDuration(Duration.ofSeconds(3));
                // Installing takes a while: long enough to see whether the slot is still held meanwhile.
                device.firmware().faults().updateDuration(Duration.ofSeconds(4));
            }
            String first = update("fw-handover-0", image, "\"useQuota\": \"true\"");
            String second = update("fw-handover-1", image, "\"useQuota\": \"true\"");
            await().atMost(FirmwareDevices.TIMEOUT)
                    .until(() -> quotas.holders(QUOTA).size() == 2);
            String waiter = update("fw-handover-2", image, "\"useQuota\": \"true\"");
            await().atMost(FirmwareDevices.TIMEOUT)
                    .until(() -> quotas.waiting(QUOTA).equals(List.of(waiter)));
            Instant inLineSince = Instant.now();

            Instant firstEnded = List.of(ended(first, "SUCCESS"), ended(second, "SUCCESS")).stream()
                    .map(execution -> Instant.parse(execution.getString("endedAt")))
                    .min(Instant::compareTo)
                    .orElseThrow();
            ended(waiter, "SUCCESS");

            List<SimulatedDevice> holders = fleet.devices().subList(0, 2);
            SimulatedDevice inLine = fleet.devices().get(2);
            Instant firstDownloaded = holders.stream()
                    .map(device -> when(device, FirmwareState.DOWNLOADED))
                    .min(Instant::compareTo)
                    .orElseThrow();
            Instant woken = REQUESTS.get(inLine.endpoint()).stream()
                    .filter(request -> request.isAfter(inLineSince))
                    .min(Instant::compareTo)
                    .orElseThrow();
            System.out.printf(
                    "fw-handover: first Downloaded %s, the device in line's first request %s later%n",
                    firstDownloaded, Duration.between(firstDownloaded, woken));
            assertThat(woken).as("the device in line waited for a slot").isAfter(firstDownloaded);
            // Its steps before its first request are a few jobs: a one-second poll would show here, a message not.
            assertThat(Duration.between(firstDownloaded, woken)).isLessThan(Duration.ofMillis(900));
            assertThat(when(inLine, FirmwareState.DOWNLOADING))
                    .as("the third transfer started while the first two devices were still updating")
                    .isBefore(firstEnded);
            assertThat(mostTransferringAtOnce(fleet.devices())).isEqualTo(FirmwareSettings.QUOTA);
            assertThat(quotas.holders(QUOTA)).isEmpty();
            assertThat(quotas.waiting(QUOTA)).isEmpty();
        }
    }

    @Test
    void slotsGoToWaitersInTheOrderTheyAskedAndAReleasedSlotIsNotTakenByALaterAsker() {
        String quota = "fairness-test";
        assertThat(quotas.acquire(quota, 1, "holder")).isTrue();
        assertThat(quotas.acquire(quota, 1, "first-in-line")).isFalse();
        assertThat(quotas.acquire(quota, 1, "second-in-line")).isFalse();
        assertThat(quotas.acquire(quota, 1, "first-in-line"))
                .as("asking again keeps the place")
                .isFalse();

        quotas.release(quota, "holder");

        assertThat(quotas.acquire(quota, 1, "second-in-line"))
                .as("the slot went to the first in line, not to whoever asks first after the release")
                .isFalse();
        assertThat(quotas.acquire(quota, 1, "first-in-line")).isTrue();
        assertThat(quotas.acquire(quota, 1, "newcomer")).isFalse();
        quotas.release(quota, "first-in-line");
        assertThat(quotas.acquire(quota, 1, "newcomer")).isFalse();
        assertThat(quotas.acquire(quota, 1, "second-in-line")).isTrue();
        quotas.release(quota, "second-in-line");
        assertThat(quotas.acquire(quota, 1, "newcomer")).isTrue();
        quotas.release(quota, "newcomer");
        assertThat(quotas.holders(quota)).isEmpty();
        assertThat(quotas.waiting(quota)).isEmpty();
    }

    @Test
    void failedRefusedIgnoredAndCancelledUpdatesLeaveNoSlotAndNoPlaceInLine() {
        String image = storeImage("fw-leak-image");
        try (SimulatedFleet fleet = fleetOf("fw-leak-", 4)) {
            List<SimulatedDevice> devices = fleet.devices();
            devices.get(0).firmware().faults().failDownload(true);
            devices.get(1).firmware().faults().failUpdate(true);
            devices.get(2).firmware().faults().downloadDuration(Duration.ofSeconds(2));
            devices.get(3).firmware().faults().downloadDuration(Duration.ofSeconds(2));
            String failedDownload = update("fw-leak-0", image, "\"useQuota\": \"true\", \"ignoreFaults\": \"true\"");
            String failedUpdate = update("fw-leak-1", image, "\"useQuota\": \"true\"");
            String slow = update("fw-leak-2", image, "\"useQuota\": \"true\"");
            String cancelledTask = TaskApi.submit("""
                    {"type": "Lwm2mFirmwareUpdateTask", "target": {"device": "fw-leak-3"},
                     "properties": {"resourceId": "%s", "useQuota": "true", "statePollInterval": "PT1S"}}""".formatted(image));
            String cancelled = TaskApi.executionOf(cancelledTask);
            // Cancelled while it transfers or waits in line, whichever it got to.
            await().atMost(FirmwareDevices.TIMEOUT)
                    .until(() -> quotas.holders(QUOTA).contains(cancelled)
                            || quotas.waiting(QUOTA).contains(cancelled));
            given().delete("/api/tasks/{id}", cancelledTask).then().statusCode(200);

            assertThat(ended(failedDownload, "WARNING").getString("result")).isEqualTo("ERROR");
            ended(failedUpdate, "ERROR");
            ended(slow, "SUCCESS");
            ended(cancelled, "CANCELLED");

            // The cancelled execution's slot is given back as its end is recorded, off the request's thread.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> quotas.holders(QUOTA).isEmpty());
            assertThat(quotas.waiting(QUOTA)).isEmpty();
            assertThat(devices.get(2).deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
        }
    }

    /** {@code count} devices on the old firmware, endpoints {@code prefix0}, {@code prefix1}…, all online. */
    private SimulatedFleet fleetOf(String prefix, int count) {
        SimulatedFleet.Builder builder = SimulatedFleet.builder()
                .serverUri(coap())
                .endpointPrefix(prefix)
                .count(count)
                .firmwareVersion(FirmwareDevices.OLD_VERSION)
                .lifetime(Duration.ofSeconds(300));
        return start(
                builder, IntStream.range(0, count).mapToObj(i -> prefix + i).toArray(String[]::new));
    }

    /** When the device first entered {@code state}. */
    private static Instant when(SimulatedDevice device, FirmwareState state) {
        return device.firmware().stateChanges().stream()
                .filter(change -> change.state() == state)
                .map(StateChange::at)
                .findFirst()
                .orElseThrow(() -> new AssertionError(device.endpoint() + " never was " + state));
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
