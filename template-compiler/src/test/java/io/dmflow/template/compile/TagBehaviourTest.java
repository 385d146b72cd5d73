package io.dmflow.template.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmflow.template.support.BpmnChecks;
import io.dmflow.template.support.ProcessWalker;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per tag: a small template compiled to valid BPMN, run by the test interpreter with FEEL
 * evaluated, checking the jobs and variables that tag produces.
 */
class TagBehaviourTest {

    private static String bpmn(String body) {
        Compilation compilation = TemplateCompiler.compile("t.xml", "t", "<config>\n" + body + "\n</config>\n");
        assertThat(compilation.errors()).isEmpty();
        String xml = compilation.bpmn().orElseThrow();
        assertThat(BpmnChecks.errors(xml)).isEmpty();
        return xml;
    }

    private static ProcessWalker walker(String body) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("sensor-a", "on");
        properties.put("sensor-b", "off");
        properties.put("sensor-c", "on");
        return new ProcessWalker(bpmn(body))
                .variable(
                        "device",
                        Map.of(
                                "endpoint",
                                "dev-1",
                                "id",
                                "17",
                                "softwareVersion",
                                "1.0",
                                "properties",
                                properties,
                                "groups",
                                List.of()))
                .variable("task", Map.of("id", "t1", "name", "demo", "properties", Map.of("lifetime", "600")))
                .variable("execution", Map.of("id", "e1"));
    }

    /** Numbers as FEEL results compare: BigDecimal without trailing zeros. */
    private static BigDecimal number(long n) {
        return new BigDecimal(n).stripTrailingZeros();
    }

    private static Map<String, Object> onlyJob(ProcessWalker walker, String type) {
        assertThat(walker.jobs(type)).hasSize(1);
        return walker.jobs(type).get(0).inputs();
    }

    @Test
    void storeSavesTheStringFormOfItsValue() {
        ProcessWalker w = walker("<store target=\"n\" value=\"${6 * 7}\" /><store target=\"s\" value=\"v-${#n}\" />")
                .run();
        assertThat(w.variables()).containsEntry("n", "42").containsEntry("s", "v-42");
    }

    @Test
    void storeDevPropPersistsAndLaterExpressionsSeeIt() {
        ProcessWalker w = walker("<store target=\"${'p-' + task.id}\" value=\"${1 + 1}\" type=\"devProp\" />"
                        + "<log message=\"${device.getProperty('p-t1', 'none')}\" />")
                .run();
        assertThat(onlyJob(w, "dm.device-property.set"))
                .containsEntry("endpoint", "dev-1")
                .containsEntry("name", "p-t1")
                .containsEntry("value", "2");
        assertThat(onlyJob(w, "dm.log")).containsEntry("message", "2");
    }

    @Test
    void ifTakesTheYesBranchAndElseTheOther() {
        String body = "<if expr=\"${task.properties.get('lifetime') == '600'}\"><log message=\"yes\" />"
                + "<else><log message=\"no\" /></else></if>";
        assertThat(onlyJob(walker(body).run(), "dm.log")).containsEntry("message", "yes");
        String other = body.replace("'600'", "'1'");
        assertThat(onlyJob(walker(other).run(), "dm.log")).containsEntry("message", "no");
    }

    @Test
    void ifWithoutElseGoesOn() {
        ProcessWalker w = walker("<if expr=\"${false}\"><log message=\"never\" /></if><log message=\"after\" />")
                .run();
        assertThat(onlyJob(w, "dm.log")).containsEntry("message", "after");
    }

    @Test
    void foreachRunsTheBodyPerElementWithTheIterator() {
        ProcessWalker w = walker(
                        "<foreach list=\"${device.properties.keySet.filter(_.startsWith('sensor-')).sorted}\">"
                                + "<log message=\"${#i}\" /></foreach>"
                                + "<foreach list=\"${'x,y'.split(',')}\" iterator=\"item2\"><log message=\"${#item2}\" /></foreach>")
                .run();
        assertThat(w.jobs("dm.log"))
                .extracting(j -> j.inputs().get("message"))
                .containsExactly("sensor-a", "sensor-b", "sensor-c", "x", "y");
    }

    @Test
    void whileLoopsUntilItsConditionFails() {
        ProcessWalker w = walker("<store target=\"k\" value=\"0\" /><while expr=\"${#k.toInt &lt; 3}\">"
                        + "<log message=\"round ${#k}\" /><store target=\"k\" value=\"${#k.toInt + 1}\" /></while>")
                .run();
        assertThat(w.jobs("dm.log"))
                .extracting(j -> j.inputs().get("message"))
                .containsExactly("round 0", "round 1", "round 2");
    }

    @Test
    void aRunawayWhileStopsWithAnErrorAfterTenThousandRounds() {
        ProcessWalker w = walker("<store target=\"k\" value=\"0\" /><while expr=\"${#k != 'never'}\">"
                + "<store target=\"k\" value=\"${#k.toInt + 1}\" /></while>");
        assertThatThrownBy(w::run)
                .hasMessageContaining(
                        "<while> condition ${#k != 'never'} at line 2, column 44 of t.xml still held after 10000 rounds: the loop was stopped");
        assertThat(w.variables()).containsEntry("k", "10000");
    }

    @Test
    void aNullIfConditionStopsWithTheTemplatesOwnExpressionAndPosition() {
        String body = "<if expr=\"${task.properties.get('limit').toInt > 3}\"><log message=\"big\" /></if>";
        String bpmn = bpmn(body);
        assertThat(bpmn)
                .contains("&quot;&lt;if&gt; condition ${task.properties.get('limit').toInt &gt; 3}"
                        + " at line 2, column 11 of t.xml is null&quot;");
        // what the engine's incident quotes: feel-engine's failure of the gateway's condition
        assertThatThrownBy(walker(body)::run)
                .hasMessageContaining("FEEL failed: Assertion failure on evaluate the expression")
                .hasMessageContaining(
                        "': <if> condition ${task.properties.get('limit').toInt > 3} at line 2, column 11 of t.xml is null");
        // a condition that is not null still decides
        assertThat(walker(body)
                        .variable("task", Map.of("id", "t1", "name", "demo", "properties", Map.of("limit", "5")))
                        .run()
                        .jobs("dm.log"))
                .hasSize(1);
        assertThat(walker(body)
                        .variable("task", Map.of("id", "t1", "name", "demo", "properties", Map.of("limit", "2")))
                        .run()
                        .jobs("dm.log"))
                .isEmpty();
    }

    @Test
    void aNullWhileConditionStopsWithTheTemplatesOwnExpressionAndPosition() {
        ProcessWalker w = walker("<store target=\"k\" value=\"x\" />\n  <while expr=\"${#k.toInt &lt; 3}\">"
                + "<store target=\"k\" value=\"${#k.toInt + 1}\" /></while>");
        assertThatThrownBy(w::run)
                .hasMessageContaining("': <while> condition ${#k.toInt < 3} at line 3, column 16 of t.xml is null");
    }

    @Test
    void foreachOverAMapsKeysRunsInKeyOrderWhateverTheInsertionOrder() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String key : List.of("zeta", "alpha", "mid", "beta", "omega", "gamma", "delta", "kappa")) {
            properties.put(key, "v-" + key);
        }
        ProcessWalker w = walker("<foreach list=\"${device.properties.keySet}\"><log message=\"${#i}\" /></foreach>"
                        + "<foreach list=\"${device.properties.values}\"><log message=\"${#i}\" /></foreach>")
                .variable(
                        "device",
                        Map.of(
                                "endpoint",
                                "dev-1",
                                "id",
                                "17",
                                "softwareVersion",
                                "1.0",
                                "properties",
                                properties,
                                "groups",
                                List.of()))
                .run();
        List<String> sorted = properties.keySet().stream().sorted().toList();
        List<Object> expected = new ArrayList<>(sorted);
        sorted.forEach(k -> expected.add("v-" + k));
        assertThat(w.jobs("dm.log")).extracting(j -> j.inputs().get("message")).containsExactlyElementsOf(expected);
    }

    @Test
    void logPassesMessageAndLevel() {
        assertThat(onlyJob(
                        walker("<log message=\"hello ${device.id}\" level=\"WARN\" />")
                                .run(),
                        "dm.log"))
                .containsEntry("message", "hello dev-1")
                .containsEntry("level", "WARN");
    }

    @Test
    void getReadsIntoTheOutputVariable() {
        ProcessWalker w = walker("<get key=\"Device.0.Manufacturer\" output=\"maker\" /><log message=\"${#maker}\" />")
                .handle(
                        "lwm2m.read",
                        (job, vars) -> Map.of((String) job.inputs().get("output"), "Acme"))
                .run();
        assertThat(onlyJob(w, "lwm2m.read"))
                .containsEntry("endpoint", "dev-1")
                .containsEntry("key", "Device.0.Manufacturer");
        assertThat(onlyJob(w, "dm.log")).containsEntry("message", "Acme");
    }

    @Test
    void aResultNamedLikeAJobInputStillReachesTheTask() {
        ProcessWalker w = walker("<get key=\"/3/0/0\" output=\"key\" /><log message=\"${#key}\" />")
                .handle("lwm2m.read", (job, vars) -> Map.of("key", "Acme", "stray", "x"))
                .run();
        assertThat(onlyJob(w, "dm.log")).containsEntry("message", "Acme");
        assertThat(w.variables()).doesNotContainKey("stray");
    }

    @Test
    void setWritesTheStringFormOfItsValue() {
        assertThat(onlyJob(
                        walker("<set key=\"/1/0/1\" value=\"${task.properties.getOr('lifetime', '300').toInt * 2}\" />")
                                .run(),
                        "lwm2m.write"))
                .containsEntry("key", "/1/0/1")
                .containsEntry("value", "1200");
    }

    @Test
    void executePassesItsArguments() {
        assertThat(onlyJob(
                        walker("<execute key=\"/3/0/4\" arguments=\"0='now'\" />")
                                .run(),
                        "lwm2m.execute"))
                .containsEntry("key", "/3/0/4")
                .containsEntry("arguments", "0='now'");
    }

    @Test
    void observeCallsTheBuiltInProcessWithTypedAttributes() {
        assertThat(onlyJob(
                        walker(
                                        "<observe key=\"/3303/0/5700\" minimumPeriod=\"10\" greaterThan=\"25\" cancel=\"false\" />")
                                .run(),
                        "lwm2m-observe"))
                .containsEntry("key", "/3303/0/5700")
                .containsEntry("minimumPeriod", number(10))
                .containsEntry("greaterThan", number(25))
                .containsEntry("cancel", false);
    }

    @Test
    void cancelAllObservesNeedsOnlyTheEndpoint() {
        assertThat(onlyJob(walker("<cancelAllObserves />").run(), "lwm2m.cancel-all-observations"))
                .containsOnlyKeys("endpoint");
    }

    @Test
    void setAttributesPassesTheAttributesInOrder() {
        assertThat(onlyJob(
                        walker("<setAttributes key=\"/3303/0/5700\"><attribute name=\"pmin\" value=\"10\" />"
                                        + "<attribute name=\"gt\" value=\"${20 + 5}\" /></setAttributes>")
                                .run(),
                        "lwm2m.write-attributes"))
                .containsEntry(
                        "attributes",
                        List.of(Map.of("name", "pmin", "value", "10"), Map.of("name", "gt", "value", "25")));
    }

    @Test
    void addAndDeleteCreateAndDeleteInstances() {
        ProcessWalker w =
                walker("<add key=\"/3303\" /><delete key=\"/3303/1\" />").run();
        assertThat(onlyJob(w, "lwm2m.create")).containsEntry("key", "/3303");
        assertThat(onlyJob(w, "lwm2m.delete")).containsEntry("key", "/3303/1");
    }

    @Test
    void readResourceLoadsTheFileIntoTheVariable() {
        ProcessWalker w = walker(
                        "<readResource resourceId=\"cfg-${device.id}\" varName=\"text\" /><log message=\"${#text}\" />")
                .handle(
                        "dm.resource.read",
                        (job, vars) -> Map.of((String) job.inputs().get("varName"), "file body"))
                .run();
        assertThat(onlyJob(w, "dm.resource.read"))
                .containsEntry("resourceId", "cfg-dev-1")
                .containsEntry("varName", "text");
        assertThat(onlyJob(w, "dm.log")).containsEntry("message", "file body");
    }

    @Test
    void editResourcePassesOperationsAndPropertiesInOrder() {
        assertThat(onlyJob(
                        walker(
                                        "<editResource destination=\"d-${device.id}\" source=\"s\">"
                                                + "<operation regex=\"a+\" replacement=\"b\" /><resourceProperty name=\"k\" value=\"${task.id}\" /></editResource>")
                                .run(),
                        "dm.resource.edit"))
                .containsEntry("destination", "d-dev-1")
                .containsEntry("source", "s")
                .containsEntry("operations", List.of(Map.of("regex", "a+", "replacement", "b", "replaceAll", false)))
                .containsEntry("properties", List.of(Map.of("name", "k", "value", "t1")));
    }

    @Test
    void waitIsATimerOrAWaitForContact() {
        String timer = bpmn("<wait seconds=\"30\" />");
        assertThat(timer).contains("<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">PT30S</bpmn:timeDuration>");
        String computed = bpmn("<wait seconds=\"${10 * 6}\" />");
        assertThat(computed).contains("=duration(&quot;PT&quot; + string(10 * 6) + &quot;S&quot;)");
        String contact = bpmn("<wait />");
        assertThat(contact)
                .contains("name=\"Wait for device contact\"")
                .contains("<bpmn:messageEventDefinition messageRef=\"Message_DeviceContact\" />")
                .contains("<zeebe:subscription correlationKey=\"=device.endpoint\" />");
        assertThat(walker("<wait /><log message=\"woken\" />").run().jobs("dm.log"))
                .hasSize(1);
    }

    @Test
    void finishRecordsItsStatusAndEndsTheTask() {
        ProcessWalker w = walker(
                        "<if expr=\"${true}\"><finish status=\"WARNING\" /></if><log message=\"not reached\" />")
                .run();
        assertThat(onlyJob(w, "dm.execution.update")).containsEntry("status", "WARNING");
        assertThat(w.jobs("dm.log")).isEmpty();
    }

    @Test
    void finishInsideALoopEndsTheWholeTask() {
        ProcessWalker w = walker(
                        "<foreach list=\"${'a,b,c'.split(',')}\"><log message=\"${#i}\" />"
                                + "<if expr=\"${#i == 'b'}\"><finish status=\"ERROR\" /></if></foreach><log message=\"after the loop\" />")
                .runCatchingErrors();
        assertThat(w.jobs("dm.log")).extracting(j -> j.inputs().get("message")).containsExactly("a", "b");
        assertThat(onlyJob(w, "dm.execution.update")).containsEntry("status", "ERROR");
        assertThat(w.visited()).containsSubsequence("Finish task", "Finish in a loop", "Task finished");
    }

    @Test
    void firmwareUpdateCallsItsProcessAndMapsTheResult() {
        ProcessWalker w = walker(
                        "<lwm2mFirmwareUpdate resourceId=\"fw-2\" transferMethod=\"Pull\" timeoutInSec=\"600\" useQuota=\"true\""
                                + " resultVar=\"fota\" /><log message=\"${#fota}\" />")
                .handle("lwm2m-firmware-update", (job, vars) -> Map.of("result", "SUCCESS", "other", "dropped"))
                .run();
        assertThat(onlyJob(w, "lwm2m-firmware-update"))
                .containsEntry("resourceId", "fw-2")
                .containsEntry("transferMethod", "Pull")
                .containsEntry("timeoutInSec", number(600))
                .containsEntry("useQuota", true)
                .containsEntry("endsExecution", false);
        assertThat(onlyJob(w, "dm.log")).containsEntry("message", "SUCCESS");
        assertThat(w.variables()).doesNotContainKey("other");
    }

    @Test
    void softwareTasksCallTheirProcesses() {
        ProcessWalker w = walker(
                        "<lwm2mSoftwareManagement operation=\"install\" resourceId=\"app\""
                                + " resumeAfterDownlinkFailure=\"false\" resultDetailsVar=\"swDetails\" />"
                                + "<lwm2mSoftwareActivation desiredState=\"active\" instanceId=\"0\" /><log message=\"${#swDetails}\" />")
                .handle("lwm2m-software-management", (job, vars) -> Map.of("resultDetails", "install succeeded"))
                .run();
        assertThat(onlyJob(w, "lwm2m-software-management"))
                .containsEntry("operation", "install")
                .containsEntry("resourceId", "app")
                .containsEntry("resumeAfterDownlinkFailure", false)
                .containsEntry("endsExecution", false);
        assertThat(onlyJob(w, "dm.log")).containsEntry("message", "install succeeded");
        assertThat(onlyJob(w, "lwm2m-software-activation"))
                .containsEntry("desiredState", "active")
                .containsEntry("instanceId", "0");
    }

    @Test
    void bestEffortGetCallsItsProcess() {
        assertThat(onlyJob(
                        walker("<lwm2mBestEffortGet key=\"Device.0\" useDiscover=\"true\" />")
                                .run(),
                        "lwm2m-best-effort-get"))
                .containsEntry("key", "Device.0")
                .containsEntry("useDiscover", true)
                .containsEntry("endsExecution", false);
    }

    @Test
    void bootstrapTasksPassTheirServers() {
        ProcessWalker w = walker(
                        "<lwm2mBootstrapConfiguration serverName=\"prod\" />"
                                + "<lwm2mBootstrap performBootstrapFinish=\"true\"><bootstrap serverName=\"bs\" /><regular serverName=\"prod\" /></lwm2mBootstrap>")
                .run();
        assertThat(onlyJob(w, "lwm2m-bootstrap-configuration")).containsEntry("serverName", "prod");
        assertThat(onlyJob(w, "lwm2m-bootstrap"))
                .containsEntry("performBootstrapFinish", true)
                .containsEntry("bootstrap", Map.of("serverName", "bs"))
                .containsEntry("regular", Map.of("serverName", "prod"));
    }

    @Test
    void ignoreFaultsLogsTheFaultAndGoesOn() {
        ProcessWalker w = walker(
                        "<get key=\"/3/0/9\" output=\"battery\" ignoreFaults=\"true\" /><log message=\"after\" />")
                .handle("lwm2m.read", (job, vars) -> {
                    vars.put("lwm2mStatus", "NOT_FOUND");
                    throw new ProcessWalker.BpmnError("LWM2M_ERROR");
                })
                .run();
        assertThat(w.jobs("dm.log"))
                .extracting(j -> j.inputs().get("message"))
                .containsExactly("fault ignored in 'Read /3/0/9': NOT_FOUND", "after");
        assertThat(onlyJob(w, "dm.execution.update")).containsEntry("status", "SUCCESS");
    }

    @Test
    void everyDeviceStepResumesAfterADownlinkFailure() {
        int[] failures = {0};
        ProcessWalker w = walker("<set key=\"/1/0/1\" value=\"60\" /><execute key=\"/3/0/4\" />")
                .handle("lwm2m.write", (job, vars) -> {
                    if (failures[0]++ < 2) {
                        throw new ProcessWalker.BpmnError("DOWNLINK_FAILURE");
                    }
                    return Map.of();
                })
                .run();
        assertThat(w.jobs("lwm2m.write")).hasSize(3);
        assertThat(w.jobs("lwm2m.execute")).hasSize(1);
    }
}
