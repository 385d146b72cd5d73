package io.dmflow.api.builtin;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.transport.LinkDrop;
import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** What the built-in task tests do over and over: a registered device, a task of a type, the end of its execution. */
final class BuiltInTaskRuns {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private BuiltInTaskRuns() {}

    /** A registered device; one that rebooted or lost its link registers again soon after. */
    static SimulatedFleet device(DeviceManagementServer server, String endpoint) {
        SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint(endpoint)
                .lifetime(Duration.ofSeconds(300))
                .registrationRetry(Duration.ofSeconds(1))
                .build()
                .start();
        if (!fleet.awaitRegisteredCount(1, TIMEOUT)) {
            throw new AssertionError(endpoint + " did not register");
        }
        TaskApi.awaitDeviceState(endpoint, "online");
        return fleet;
    }

    /** Submits a task of the built-in {@code type} to the device; {@code properties} is the JSON object's inside. */
    static String submit(String type, String endpoint, String properties) {
        return TaskApi.executionOf(TaskApi.submit("""
                {"type": "%s", "target": {"device": "%s"}, "properties": {%s}}""".formatted(type, endpoint, properties)));
    }

    /** Waits for the execution to end with {@code status}; answers it. */
    static JsonPath ended(String execution, String status) {
        return TaskApi.ended(execution, status, TIMEOUT);
    }

    /**
     * Submits a task of {@code type} to a device that drops off at {@code drop}, waits for its execution to wait for
     * the device, runs {@code whileAway}, brings the device back and waits for the execution to succeed; answers it.
     */
    static JsonPath succeededAfterDropOff(
            SimulatedDevice device, LinkDrop drop, String type, String properties, Runnable whileAway) {
        device.dropOffAt(drop);
        String execution = submit(type, device.endpoint(), properties);
        TaskApi.awaitStatus(execution, "WAITING_FOR_DEVICE");
        whileAway.run();
        device.comeBack();
        JsonPath ended = ended(execution, "SUCCESS");
        if (!ended.getList("history.status", String.class).contains("WAITING_FOR_DEVICE")) {
            throw new AssertionError("execution " + execution + " never waited for its device");
        }
        return ended;
    }
}
