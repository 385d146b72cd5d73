package io.dmflow.template.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.template.support.ProcessWalker;
import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The seed restore template, run on its compiled BPMN: which backup it picks, by evaluation. */
class RestoreTemplateBehaviourTest extends SeedBehaviour {

    private static final long JAN = millis("2024.01.15 12:00:00");
    private static final long MAR = millis("2024.03.15 12:00:00");
    private static final long MAY = millis("2024.05.15 12:00:00");

    private static long millis(String text) {
        SimpleDateFormat format = new SimpleDateFormat("yyyy.MM.dd HH:mm:ss");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        try {
            return format.parse(text).getTime();
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private ProcessWalker run(Map<String, Object> taskProperties) {
        Map<String, Object> props = Map.of(
                "backup-dev-1-t1-0-Timestamp", String.valueOf(JAN),
                "backup-dev-1-t1-1-Timestamp", String.valueOf(MAR),
                "backup-dev-1-t1-2-Timestamp", String.valueOf(MAY),
                "backup-other-Size", "12",
                "t1-nextNumber", "0");
        return new ProcessWalker(bpmn("customRestoreTask"))
                .variable("device", device(props))
                .variable("task", task(taskProperties))
                .handle(
                        "dm.resource.read",
                        (job, vars) -> Map.of(
                                (String) job.inputs().get("varName"),
                                "content of " + job.inputs().get("resourceId")))
                .run();
    }

    private static Object restored(ProcessWalker walker) {
        assertThat(walker.jobs("lwm2m.write")).hasSize(1);
        assertThat(walker.jobs("lwm2m.write").get(0).inputs()).containsEntry("key", KEY);
        return walker.jobs("lwm2m.write").get(0).inputs().get("value");
    }

    @Test
    void anExplicitResourceIdWins() {
        ProcessWalker walker = run(Map.of("resourceId", "backup-dev-1-t1-0"));

        assertThat(restored(walker)).isEqualTo("content of backup-dev-1-t1-0");
        assertThat(walker.jobs("dm.log"))
                .extracting(j -> j.inputs().get("message"))
                .containsExactly("Restoring: backup-dev-1-t1-0 ");
    }

    @Test
    void withoutDatesTheNewestBackupIsRestored() {
        assertThat(restored(run(Map.of()))).isEqualTo("content of backup-dev-1-t1-2");
    }

    @Test
    void fromAndToDateSelectTheNewestInTheirRange() {
        ProcessWalker walker = run(Map.of("fromDate", "2024.01.01 00:00:00", "toDate", "2024.04.01 00:00:00"));

        assertThat(restored(walker)).isEqualTo("content of backup-dev-1-t1-1");
        assertThat(walker.variables().get("startDate")).isEqualTo(String.valueOf(millis("2024.01.01 00:00:00")));
    }

    @Test
    void onlyToDateUsesTheLenientDefaultStart() {
        ProcessWalker walker = run(Map.of("toDate", "2024.02.01 00:00:00"));

        assertThat(restored(walker)).isEqualTo("content of backup-dev-1-t1-0");
        // '1971.00.00 00:00:00' read leniently is 1970-11-30
        assertThat(new BigDecimal((String) walker.variables().get("startDate")))
                .isEqualTo(new BigDecimal(millis("1970.11.30 00:00:00")));
    }

    @Test
    void aRangeWithoutBackupsRestoresNothingKnown() {
        ProcessWalker walker = run(Map.of("fromDate", "2023.01.01 00:00:00", "toDate", "2023.02.01 00:00:00"));

        assertThat(walker.jobs("dm.resource.read").get(0).inputs().get("resourceId"))
                .isNull();
    }
}
