package io.dmflow.template.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.template.support.ProcessWalker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed backup template, run on its compiled BPMN with FEEL evaluated by feel-engine. */
class BackupTemplateBehaviourTest extends SeedBehaviour {

    private ProcessWalker run(Map<String, Object> deviceProperties, Map<String, Object> taskProperties) {
        return new ProcessWalker(bpmn("customBackupTask"))
                .variable("device", device(deviceProperties))
                .variable("task", task(taskProperties))
                .variable("execution", Map.of("id", "e1"))
                .handle(
                        "lwm2m.read",
                        (job, vars) -> Map.of((String) job.inputs().get("output"), "FULL-CONFIG"))
                .run();
    }

    @Test
    void firstRunTakesBackupZeroAndRecordsTheRing() {
        long before = System.currentTimeMillis();
        ProcessWalker walker = run(Map.of(), Map.of("intervalTime", "24", "backupNumber", "3"));

        assertThat(walker.jobs("lwm2m.read"))
                .singleElement()
                .satisfies(job -> assertThat(job.inputs())
                        .containsEntry("key", KEY)
                        .containsEntry("endpoint", "dev-1")
                        .containsEntry("output", "image"));
        ProcessWalker.Job edit = walker.jobs("dm.resource.edit").get(0);
        assertThat(edit.inputs())
                .containsEntry("destination", "backup-dev-1-t1-0")
                .containsEntry("source", "backupTemplate");
        assertThat(edit.inputs().get("operations"))
                .isEqualTo(List.of(Map.of("regex", "template", "replacement", "FULL-CONFIG", "replaceAll", true)));
        assertThat(edit.inputs().get("properties"))
                .isEqualTo(List.of(
                        Map.of("name", "softwareVersion", "value", "2.0.1"),
                        Map.of("name", "relatedDeviceProperties", "value", "backup-dev-1-t1-0-Timestamp"),
                        Map.of("name", "customRestoreTask", "value", "customRestoreTask")));
        Map<String, Object> props = deviceProperties(walker);
        assertThat(props).containsEntry("t1-nextNumber", "1");
        assertThat(Long.parseLong((String) props.get("t1-lastBackupTimestamp")))
                .isBetween(before, System.currentTimeMillis());
        assertThat(props.get("backup-dev-1-t1-0-Timestamp")).isNotNull();
        assertThat(walker.jobs("dm.log").get(0).inputs().get("message"))
                .isEqualTo(
                        "performing backup, interval: 24, currentNumber: 0, lastBackupTimestamp:    1970.01.01 00:00:00");
        assertThat(walker.jobs("dm.execution.update").get(0).inputs()).containsEntry("status", "SUCCESS");
    }

    @Test
    void withinTheIntervalNothingIsRead() {
        String oneHourAgo = String.valueOf(System.currentTimeMillis() - 3_600_000);
        ProcessWalker walker = run(Map.of("t1-lastBackupTimestamp", oneHourAgo), Map.of("intervalTime", "24"));

        assertThat(walker.jobs("lwm2m.read")).isEmpty();
        assertThat(walker.jobs("dm.execution.update")).hasSize(1);
    }

    @Test
    void theRingWrapsAtBackupNumber() {
        String twoDaysAgo = String.valueOf(System.currentTimeMillis() - 48 * 3_600_000L);
        ProcessWalker walker = run(
                Map.of("t1-lastBackupTimestamp", twoDaysAgo, "t1-nextNumber", "2"),
                Map.of("intervalTime", "24", "backupNumber", "3"));

        assertThat(walker.jobs("dm.resource.edit").get(0).inputs()).containsEntry("destination", "backup-dev-1-t1-2");
        assertThat(deviceProperties(walker)).containsEntry("t1-nextNumber", "0");
    }

    @Test
    void aDropOutResumesAtTheSameRead() {
        int[] calls = {0};
        ProcessWalker walker = new ProcessWalker(bpmn("customBackupTask"))
                .variable("device", device(Map.of()))
                .variable("task", task(Map.of()))
                .handle("lwm2m.read", (job, vars) -> {
                    if (calls[0]++ == 0) {
                        throw new ProcessWalker.BpmnError("DOWNLINK_FAILURE");
                    }
                    return Map.of("image", "FULL-CONFIG");
                })
                .run();

        assertThat(walker.jobs("lwm2m.read")).hasSize(2);
        assertThat(walker.visited())
                .containsSubsequence(
                        "Read Device.Configuration.0.Full Config",
                        "Downlink failure",
                        "Wait for device",
                        "Device contact",
                        "Read Device.Configuration.0.Full Config",
                        "Edit resource resourceId");
        assertThat(walker.jobs("dm.resource.edit")).hasSize(1);
    }

    @Test
    void aDeviceErrorEndsTheTaskWithItsStatus() {
        ProcessWalker walker = new ProcessWalker(bpmn("customBackupTask"))
                .variable("device", device(Map.of()))
                .variable("task", task(Map.of()))
                .handle("lwm2m.read", (job, vars) -> {
                    vars.put("lwm2mStatus", "NOT_FOUND");
                    throw new ProcessWalker.BpmnError("LWM2M_ERROR");
                })
                .runCatchingErrors();

        assertThat(walker.jobs("dm.resource.edit")).isEmpty();
        assertThat(walker.jobs("dm.execution.update"))
                .singleElement()
                .satisfies(job -> assertThat(job.inputs())
                        .containsEntry("status", "ERROR")
                        .containsEntry("details", "device answered NOT_FOUND"));
    }
}
