package io.dmflow.engine.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.dmflow.contract.BpmnErrorCode;
import io.dmflow.contract.JobType;
import io.dmflow.contract.MessageName;
import io.dmflow.contract.StartVariable;
import io.dmflow.engine.conformance.ConformanceTest;
import io.dmflow.template.compile.TemplateCompiler;
import io.dmflow.template.support.TemplateFiles;
import io.quarkus.test.junit.QuarkusTest;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The template compiler's seed templates (the backup and the restore template its own tests walk with a small
 * interpreter) compiled, deployed on this engine and run to their end, every device job answered here as the
 * workers would answer it. It asserts what the compiler's BackupTemplateBehaviourTest and
 * RestoreTemplateBehaviourTest assert, so that the two never drift apart: what the interpreter says a template does,
 * the engine does. It lives here rather than in the compiler, which comes first in the build and must not depend on
 * the engine.
 */
@QuarkusTest
class SeedTemplatesOnEngineTest extends ConformanceTest {

    private static final String KEY = "Device.Configuration.0.Full Config";

    /** The job types the two templates create; every one is answered, most with no output. */
    private static final List<String> JOB_TYPES = List.of(
            JobType.LWM2M_READ,
            JobType.LWM2M_WRITE,
            JobType.DM_RESOURCE_EDIT,
            JobType.DM_RESOURCE_READ,
            JobType.DM_DEVICE_PROPERTY_SET,
            JobType.DM_LOG,
            JobType.DM_EXECUTION_UPDATE);

    /** A job as the engine handed it out: its type and the variables it saw (its inputs among them). */
    record Job(String type, Map<String, Object> variables) {}

    /** What a handler does with a job: outputs to complete it with, or a BPMN error. */
    static final class Refusal extends RuntimeException {
        final String code;
        final Map<String, Object> variables;

        Refusal(String code, Map<String, Object> variables) {
            super(code);
            this.code = code;
            this.variables = variables;
        }
    }

    /** One run of a template: its start variables, its job handlers, and what happened. */
    final class Run {
        private final String template;
        private final String executionId = "e-" + UUID.randomUUID();
        private final Map<String, Object> variables = new HashMap<>();
        private final Map<String, BiFunction<Job, Integer, Map<String, Object>>> handlers = new ConcurrentHashMap<>();
        private final List<Job> jobs = new ArrayList<>();
        private final AtomicInteger answering = new AtomicInteger();

        Run(
                String template,
                String endpoint,
                Map<String, Object> deviceProperties,
                Map<String, Object> taskProperties) {
            this.template = template;
            variables.put(
                    StartVariable.DEVICE,
                    Map.of(
                            StartVariable.DEVICE_ENDPOINT, endpoint,
                            StartVariable.DEVICE_ID, endpoint,
                            StartVariable.DEVICE_SOFTWARE_VERSION, "2.0.1",
                            StartVariable.DEVICE_PROPERTIES, deviceProperties,
                            StartVariable.DEVICE_GROUPS, List.of("root")));
            variables.put(
                    StartVariable.TASK,
                    Map.of(
                            StartVariable.TASK_ID, "t1",
                            StartVariable.TASK_NAME, "backup",
                            StartVariable.TASK_PROPERTIES, taskProperties));
            variables.put(StartVariable.EXECUTION, Map.of(StartVariable.EXECUTION_ID, executionId));
        }

        /** @param handler given the job and how many of its type this run saw before it */
        Run handle(String type, BiFunction<Job, Integer, Map<String, Object>> handler) {
            handlers.put(type, handler);
            return this;
        }

        /** Deploys the compiled template, runs it to its end and answers its final variables. */
        Map<String, Object> run() {
            String bpmn = TemplateCompiler.compile(
                            template + ".xml", template, TemplateFiles.read("templates/" + template + ".xml"))
                    .bpmn()
                    .orElseThrow();
            String processId = client.newDeployResourceCommand()
                    .addResourceStringUtf8(bpmn, template + ".bpmn")
                    .send()
                    .join()
                    .getProcesses()
                    .get(0)
                    .getBpmnProcessId();
            List<JobWorker> workers = JOB_TYPES.stream()
                    .map(type -> client.newWorker()
                            .jobType(type)
                            .handler(this::answer)
                            .pollInterval(Duration.ofMillis(20))
                            // Short long polls: seven parked ones would hold the client's connections, and a
                            // job's complete command would wait for one to come free.
                            .requestTimeout(Duration.ofMillis(300))
                            .open())
                    .toList();
            try {
                return client.newCreateInstanceCommand()
                        .bpmnProcessId(processId)
                        .latestVersion()
                        .variables(variables)
                        .withResult()
                        .requestTimeout(Duration.ofSeconds(30))
                        .send()
                        .join()
                        .getVariablesAsMap();
            } finally {
                // The last job's complete command may still await its answer when the instance has ended.
                await().atMost(Duration.ofSeconds(10)).until(() -> answering.get() == 0);
                workers.forEach(JobWorker::close);
            }
        }

        private void answer(JobClient jobs, ActivatedJob activated) {
            answering.incrementAndGet();
            try {
                answerCounted(jobs, activated);
            } finally {
                answering.decrementAndGet();
            }
        }

        private void answerCounted(JobClient jobs, ActivatedJob activated) {
            Map<String, Object> seen = activated.getVariablesAsMap();
            Object execution = seen.get(StartVariable.EXECUTION);
            if (!(execution instanceof Map<?, ?> e && executionId.equals(e.get(StartVariable.EXECUTION_ID)))) {
                // A job another run left in the database: not this run's, so completed without being counted.
                jobs.newCompleteCommand(activated).send().join();
                return;
            }
            Job job = new Job(activated.getType(), seen);
            int before;
            synchronized (this.jobs) {
                before = jobs(job.type()).size();
                this.jobs.add(job);
            }
            try {
                Map<String, Object> outputs =
                        handlers.getOrDefault(job.type(), (j, n) -> Map.of()).apply(job, before);
                jobs.newCompleteCommand(activated).variables(outputs).send().join();
            } catch (Refusal refusal) {
                jobs.newThrowErrorCommand(activated)
                        .errorCode(refusal.code)
                        .variables(refusal.variables)
                        .send()
                        .join();
            }
        }

        List<Job> jobs(String type) {
            synchronized (jobs) {
                return jobs.stream().filter(job -> job.type().equals(type)).toList();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deviceProperties(Map<String, Object> variables) {
        return (Map<String, Object>)
                ((Map<String, Object>) variables.get(StartVariable.DEVICE)).get(StartVariable.DEVICE_PROPERTIES);
    }

    // ---- the backup template (BackupTemplateBehaviourTest)

    private Run backup(String endpoint, Map<String, Object> deviceProperties, Map<String, Object> taskProperties) {
        return new Run("customBackupTask", endpoint, deviceProperties, taskProperties)
                .handle(
                        JobType.LWM2M_READ,
                        (job, before) -> Map.of((String) job.variables().get("output"), "FULL-CONFIG"));
    }

    @Test
    void backupFirstRunTakesBackupZeroAndRecordsTheRing() {
        long before = System.currentTimeMillis();
        Run run = backup("dev-1", Map.of(), Map.of("intervalTime", "24", "backupNumber", "3"));
        Map<String, Object> ended = run.run();

        assertThat(run.jobs(JobType.LWM2M_READ))
                .singleElement()
                .satisfies(job -> assertThat(job.variables())
                        .containsEntry("key", KEY)
                        .containsEntry("endpoint", "dev-1")
                        .containsEntry("output", "image"));
        Job edit = run.jobs(JobType.DM_RESOURCE_EDIT).get(0);
        assertThat(edit.variables())
                .containsEntry("destination", "backup-dev-1-t1-0")
                .containsEntry("source", "backupTemplate");
        assertThat(edit.variables().get("operations"))
                .isEqualTo(List.of(Map.of("regex", "template", "replacement", "FULL-CONFIG", "replaceAll", true)));
        assertThat(edit.variables().get("properties"))
                .isEqualTo(List.of(
                        Map.of("name", "softwareVersion", "value", "2.0.1"),
                        Map.of("name", "relatedDeviceProperties", "value", "backup-dev-1-t1-0-Timestamp"),
                        Map.of("name", "customRestoreTask", "value", "customRestoreTask")));
        Map<String, Object> props = deviceProperties(ended);
        assertThat(props).containsEntry("t1-nextNumber", "1");
        assertThat(Long.parseLong(String.valueOf(props.get("t1-lastBackupTimestamp"))))
                .isBetween(before, System.currentTimeMillis());
        assertThat(props.get("backup-dev-1-t1-0-Timestamp")).isNotNull();
        assertThat(run.jobs(JobType.DM_LOG).get(0).variables().get("message"))
                .isEqualTo(
                        "performing backup, interval: 24, currentNumber: 0, lastBackupTimestamp:    1970.01.01 00:00:00");
        assertThat(run.jobs(JobType.DM_EXECUTION_UPDATE).get(0).variables()).containsEntry("status", "SUCCESS");
    }

    @Test
    void backupWithinTheIntervalReadsNothing() {
        String oneHourAgo = String.valueOf(System.currentTimeMillis() - 3_600_000);
        Run run = backup("dev-1", Map.of("t1-lastBackupTimestamp", oneHourAgo), Map.of("intervalTime", "24"));
        run.run();

        assertThat(run.jobs(JobType.LWM2M_READ)).isEmpty();
        assertThat(run.jobs(JobType.DM_EXECUTION_UPDATE)).hasSize(1);
    }

    @Test
    void backupRingWrapsAtBackupNumber() {
        String twoDaysAgo = String.valueOf(System.currentTimeMillis() - 48 * 3_600_000L);
        Run run = backup(
                "dev-1",
                Map.of("t1-lastBackupTimestamp", twoDaysAgo, "t1-nextNumber", "2"),
                Map.of("intervalTime", "24", "backupNumber", "3"));
        Map<String, Object> ended = run.run();

        assertThat(run.jobs(JobType.DM_RESOURCE_EDIT).get(0).variables())
                .containsEntry("destination", "backup-dev-1-t1-2");
        assertThat(deviceProperties(ended)).containsEntry("t1-nextNumber", "0");
    }

    @Test
    void backupDropOutResumesAtTheSameReadOnTheDevicesContact() {
        // An endpoint of its own: the contact message is buffered, and must wake no other run.
        String endpoint = uniqueId("dev");
        Run run = new Run("customBackupTask", endpoint, Map.of(), Map.of())
                .handle(JobType.LWM2M_READ, (job, before) -> {
                    if (before == 0) {
                        // Published before the flow waits: its time to live keeps it until the flow's subscription
                        // opens.
                        client.newPublishMessageCommand()
                                .messageName(MessageName.DEVICE_CONTACT)
                                .correlationKey(MessageName.contactKey(endpoint))
                                .timeToLive(Duration.ofSeconds(30))
                                .send()
                                .join();
                        throw new Refusal(BpmnErrorCode.DOWNLINK_FAILURE, Map.of());
                    }
                    return Map.of("image", "FULL-CONFIG");
                });
        run.run();

        assertThat(run.jobs(JobType.LWM2M_READ)).hasSize(2);
        assertThat(run.jobs(JobType.DM_RESOURCE_EDIT)).hasSize(1);
        assertThat(run.jobs(JobType.DM_EXECUTION_UPDATE))
                .singleElement()
                .satisfies(job -> assertThat(job.variables()).containsEntry("status", "SUCCESS"));
    }

    @Test
    void backupDeviceErrorEndsTheTaskWithItsStatus() {
        Run run = new Run("customBackupTask", "dev-1", Map.of(), Map.of()).handle(JobType.LWM2M_READ, (job, before) -> {
            throw new Refusal(BpmnErrorCode.LWM2M_ERROR, Map.of(BpmnErrorCode.LWM2M_STATUS_VARIABLE, "NOT_FOUND"));
        });
        run.run();

        assertThat(run.jobs(JobType.DM_RESOURCE_EDIT)).isEmpty();
        assertThat(run.jobs(JobType.DM_EXECUTION_UPDATE))
                .singleElement()
                .satisfies(job -> assertThat(job.variables())
                        .containsEntry("status", "ERROR")
                        .containsEntry("details", "device answered NOT_FOUND"));
    }

    // ---- the restore template (RestoreTemplateBehaviourTest)

    private static final long JAN = millis("2024.01.15 12:00:00");
    private static final long MAR = millis("2024.03.15 12:00:00");
    private static final long MAY = millis("2024.05.15 12:00:00");

    private static long millis(String text) {
        SimpleDateFormat format = new SimpleDateFormat("yyyy.MM.dd HH:mm:ss");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        try {
            return format.parse(text).getTime();
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Run restore(Map<String, Object> taskProperties) {
        Map<String, Object> props = Map.of(
                "backup-dev-1-t1-0-Timestamp", String.valueOf(JAN),
                "backup-dev-1-t1-1-Timestamp", String.valueOf(MAR),
                "backup-dev-1-t1-2-Timestamp", String.valueOf(MAY),
                "backup-other-Size", "12",
                "t1-nextNumber", "0");
        return new Run("customRestoreTask", "dev-1", props, taskProperties)
                .handle(
                        JobType.DM_RESOURCE_READ,
                        (job, before) -> Map.of(
                                (String) job.variables().get("varName"),
                                "content of " + job.variables().get("resourceId")));
    }

    private static Object restored(Run run) {
        assertThat(run.jobs(JobType.LWM2M_WRITE)).hasSize(1);
        assertThat(run.jobs(JobType.LWM2M_WRITE).get(0).variables()).containsEntry("key", KEY);
        return run.jobs(JobType.LWM2M_WRITE).get(0).variables().get("value");
    }

    @Test
    void restoreOfAnExplicitResourceIdWins() {
        Run run = restore(Map.of("resourceId", "backup-dev-1-t1-0"));
        run.run();

        assertThat(restored(run)).isEqualTo("content of backup-dev-1-t1-0");
        assertThat(run.jobs(JobType.DM_LOG))
                .extracting(job -> job.variables().get("message"))
                .containsExactly("Restoring: backup-dev-1-t1-0 ");
    }

    @Test
    void restoreWithoutDatesTakesTheNewestBackup() {
        Run run = restore(Map.of());
        run.run();

        assertThat(restored(run)).isEqualTo("content of backup-dev-1-t1-2");
    }

    @Test
    void restoreFromAndToDateTakeTheNewestInTheirRange() {
        Run run = restore(Map.of("fromDate", "2024.01.01 00:00:00", "toDate", "2024.04.01 00:00:00"));
        Map<String, Object> ended = run.run();

        assertThat(restored(run)).isEqualTo("content of backup-dev-1-t1-1");
        assertThat(String.valueOf(ended.get("startDate"))).isEqualTo(String.valueOf(millis("2024.01.01 00:00:00")));
    }

    @Test
    void restoreOnlyToDateUsesTheLenientDefaultStart() {
        Run run = restore(Map.of("toDate", "2024.02.01 00:00:00"));
        Map<String, Object> ended = run.run();

        assertThat(restored(run)).isEqualTo("content of backup-dev-1-t1-0");
        // '1971.00.00 00:00:00' read leniently is 1970-11-30
        assertThat(new java.math.BigDecimal(String.valueOf(ended.get("startDate"))))
                .isEqualByComparingTo(new java.math.BigDecimal(millis("1970.11.30 00:00:00")));
    }

    @Test
    void restoreOfARangeWithoutBackupsReadsNoKnownResource() {
        Run run = restore(Map.of("fromDate", "2023.01.01 00:00:00", "toDate", "2023.02.01 00:00:00"));
        run.run();

        assertThat(run.jobs(JobType.DM_RESOURCE_READ).get(0).variables().get("resourceId"))
                .isNull();
    }
}
