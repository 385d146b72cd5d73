package io.dmflow.simulator.object.software;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import io.dmflow.simulator.testing.PackageServers;
import io.dmflow.simulator.testing.Reads;
import io.dmflow.simulator.testing.TestLwM2mServer;
import java.time.Duration;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Object 9 against a real Leshan server: delivery, install, activation, uninstall and failures. */
class SoftwareManagementTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    static TestLwM2mServer server;
    static PackageServers packages;
    static SimulatedFleet fleet;
    static Reads reads;

    @BeforeAll
    static void start() {
        server = TestLwM2mServer.start();
        packages = new PackageServers();
        reads = new Reads(server);
        fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri())
                .endpointPrefix("sw-")
                .count(4)
                .objects(SupportedObject.SOFTWARE_MANAGEMENT)
                .build()
                .start()
                .awaitRegistered(WAIT);
    }

    @AfterAll
    static void stop() {
        fleet.close();
        packages.close();
        server.close();
    }

    @Test
    void pushedPackageGoesThroughDeliveredInstalledActiveAndBackToInitial() throws Exception {
        SimulatedDevice device = fleet.device("sw-0");
        byte[] pkg = PackageFormat.build("agent", "1.4.2", 100 * 1024);

        assertThat(server.send("sw-0", new WriteRequest(ContentFormat.OPAQUE, 9, 0, 2, pkg), 30_000)
                        .isSuccess())
                .isTrue();
        await().atMost(WAIT).until(() -> device.software().updateState() == SoftwareUpdateState.DELIVERED);
        assertThat(reads.integer("sw-0", 9, 0, 7)).isEqualTo(3);
        assertThat(reads.integer("sw-0", 9, 0, 9)).isEqualTo(SoftwareUpdateResult.DOWNLOADED_VERIFIED.code());
        assertThat(reads.value("sw-0", 9, 0, 0)).isEqualTo("agent");
        assertThat(reads.value("sw-0", 9, 0, 1)).isEqualTo("1.4.2");

        assertThat(server.send("sw-0", new ExecuteRequest(9, 0, 4)).isSuccess()).isTrue();
        await().atMost(WAIT).until(() -> device.software().updateState() == SoftwareUpdateState.INSTALLED);
        assertThat(reads.integer("sw-0", 9, 0, 9)).isEqualTo(SoftwareUpdateResult.INSTALLED.code());
        assertThat(reads.value("sw-0", 9, 0, 12)).isEqualTo(false);

        assertThat(server.send("sw-0", new ExecuteRequest(9, 0, 10)).isSuccess())
                .isTrue();
        assertThat(reads.value("sw-0", 9, 0, 12)).isEqualTo(true);
        assertThat(server.send("sw-0", new ExecuteRequest(9, 0, 11)).isSuccess())
                .isTrue();
        assertThat(reads.value("sw-0", 9, 0, 12)).isEqualTo(false);

        assertThat(server.send("sw-0", new ExecuteRequest(9, 0, 6)).isSuccess()).isTrue();
        assertThat(reads.integer("sw-0", 9, 0, 7)).isEqualTo(SoftwareUpdateState.INITIAL.code());
        assertThat(device.software().stateHistory())
                .containsSubsequence(
                        SoftwareUpdateState.INITIAL,
                        SoftwareUpdateState.DOWNLOAD_STARTED,
                        SoftwareUpdateState.DOWNLOADED,
                        SoftwareUpdateState.DELIVERED,
                        SoftwareUpdateState.INSTALLED,
                        SoftwareUpdateState.INITIAL);
    }

    @Test
    void pulledPackageIsDeliveredAndOperationsOutOfOrderAreRefused() throws Exception {
        SimulatedDevice device = fleet.device("sw-1");
        assertThat(server.send("sw-1", new ExecuteRequest(9, 0, 4)).getCode())
                .as("install before delivery")
                .isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        assertThat(server.send("sw-1", new ExecuteRequest(9, 0, 10)).getCode())
                .as("activate before install")
                .isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        packages.put("agent.pkg", PackageFormat.build("agent", "2.0", 10 * 1024));

        server.send("sw-1", new WriteRequest(9, 0, 3, packages.httpUri("agent.pkg")));

        await().atMost(WAIT).until(() -> device.software().updateState() == SoftwareUpdateState.DELIVERED);
        assertThat(device.software().currentPackage().orElseThrow().version()).isEqualTo("2.0");
    }

    @Test
    void theServerCanCreateAnotherPackageInstance() throws Exception {
        SimulatedDevice device = fleet.device("sw-3");

        assertThat(server.send(
                                "sw-3",
                                new CreateRequest(
                                        9, new LwM2mObjectInstance(1, LwM2mSingleResource.newBooleanResource(8, true))))
                        .isSuccess())
                .isTrue();
        server.send("sw-3", new WriteRequest(ContentFormat.OPAQUE, 9, 1, 2, PackageFormat.build("second", "1", 512)));

        await().atMost(WAIT).until(() -> device.software(1).updateState() == SoftwareUpdateState.DELIVERED);
        assertThat(device.software(0).updateState()).isEqualTo(SoftwareUpdateState.INITIAL);
        assertThat(reads.value("sw-3", 9, 1, 0)).isEqualTo("second");
    }

    @Test
    void injectedFailuresGiveTheirUpdateResults() throws Exception {
        SimulatedDevice device = fleet.device("sw-2");
        device.software().faults().corruptPackage(true);
        server.send("sw-2", new WriteRequest(ContentFormat.OPAQUE, 9, 0, 2, PackageFormat.build("a", "1", 1024)));
        await().atMost(WAIT)
                .until(() -> device.software().updateResult() == SoftwareUpdateResult.INTEGRITY_CHECK_FAILURE);
        assertThat(device.software().updateState()).isEqualTo(SoftwareUpdateState.INITIAL);

        device.software().faults().clear().failInstall(true);
        server.send("sw-2", new WriteRequest(ContentFormat.OPAQUE, 9, 0, 2, PackageFormat.build("a", "1", 1024)));
        await().atMost(WAIT).until(() -> device.software().updateState() == SoftwareUpdateState.DELIVERED);
        server.send("sw-2", new ExecuteRequest(9, 0, 4));
        await().atMost(WAIT).until(() -> device.software().updateResult() == SoftwareUpdateResult.INSTALLATION_FAILURE);
        assertThat(reads.integer("sw-2", 9, 0, 7)).isEqualTo(SoftwareUpdateState.DELIVERED.code());
        assertThat(reads.integer("sw-2", 9, 0, 9)).isEqualTo(58);

        device.software().faults().clear().failDownload(true);
        server.send("sw-2", new WriteRequest(9, 0, 3, packages.httpUri("whatever.pkg")));
        await().atMost(WAIT)
                .until(() -> device.software().updateResult() == SoftwareUpdateResult.CONNECTION_LOST
                        || device.software().updateResult() == SoftwareUpdateResult.INVALID_URI);
        device.software().faults().clear();
    }
}
