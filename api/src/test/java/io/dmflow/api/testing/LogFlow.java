package io.dmflow.api.testing;

import io.camunda.client.CamundaClient;

/**
 * A flow of one {@code dm.log} job, a job type only dmflow's own workers take: an instance of it completing shows
 * that they run.
 */
public final class LogFlow {

    private LogFlow() {}

    /** Deploys the flow as {@code processId} with {@code client} and starts one instance; answers its key. */
    public static long deployAndStart(CamundaClient client, String processId) {
        client.newDeployResourceCommand()
                .addResourceStringUtf8(bpmn(processId), processId + ".bpmn")
                .send()
                .join();
        return client.newCreateInstanceCommand()
                .bpmnProcessId(processId)
                .latestVersion()
                .send()
                .join()
                .getProcessInstanceKey();
    }

    /** One executable process with id {@code processId}: a {@code dm.log} job between a start and an end. */
    public static String bpmn(String processId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
                + " xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" targetNamespace=\"dmflow\">"
                + "<bpmn:process id=\"" + processId + "\" isExecutable=\"true\">"
                + "<bpmn:startEvent id=\"start\"/><bpmn:sequenceFlow id=\"f1\" sourceRef=\"start\" targetRef=\"log\"/>"
                + "<bpmn:serviceTask id=\"log\"><bpmn:extensionElements><zeebe:taskDefinition type=\"dm.log\"/>"
                + "<zeebe:ioMapping><zeebe:input source=\"the application's workers run\" target=\"message\"/>"
                + "</zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>"
                + "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"log\" targetRef=\"end\"/><bpmn:endEvent id=\"end\"/>"
                + "</bpmn:process></bpmn:definitions>";
    }
}
