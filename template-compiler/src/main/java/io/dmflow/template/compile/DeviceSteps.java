package io.dmflow.template.compile;

import io.dmflow.contract.BpmnErrorCode;
import io.dmflow.contract.JobType;
import io.dmflow.contract.StartVariable;
import io.dmflow.template.bpmn.EventDefinition;
import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessErrors;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.Feel;
import io.dmflow.template.expression.StartVariablePaths;
import io.dmflow.template.layout.FaultTolerantStepFragment;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.layout.ResumableStepFragment;

/**
 * The shared behaviour of every step that talks to the device (the resumption pattern of
 * docs/architecture.md): a downlink failure waits for the device's next contact and retries the same step;
 * with ignoreFaults any fault is logged and the task goes on.
 */
final class DeviceSteps {

    /** How long a step waits for a device that dropped off; a task property can change it (ISO-8601). */
    static final String RESUME_TIMEOUT = "=duration(get or else(get value(" + StartVariablePaths.TASK_PROPERTIES + ", "
            + Feel.quote(StartVariable.TASK_RESUME_TIMEOUT) + "), " + Feel.quote(StartVariable.DEFAULT_RESUME_TIMEOUT)
            + "))";

    private static final String LWM2M_STATUS = BpmnErrorCode.LWM2M_STATUS_VARIABLE;

    private DeviceSteps() {}

    static Fragment wrap(FlowNode step, boolean ignoreFaults, ProcessScope scope, CompilationContext context) {
        if (ignoreFaults) {
            FlowNode fault = scope.add(step.id() + "_fault", NodeKind.BOUNDARY_EVENT, "Fault")
                    .attachTo(step)
                    .eventDefinition(new EventDefinition.Error(null));
            FlowNode log = scope.add(step.id() + "_logFault", NodeKind.SERVICE_TASK, "Log fault, go on")
                    .jobType(JobType.DM_LOG)
                    .input(
                            "message",
                            "=" + Feel.quote("fault ignored in '" + step.name() + "'") + " + (if " + LWM2M_STATUS
                                    + " = null then \"\" else \": \" + " + LWM2M_STATUS + ")")
                    .input("level", "=\"WARN\"");
            FlowNode join = scope.add(step.id() + "_join", NodeKind.EXCLUSIVE_GATEWAY, null);
            return new FaultTolerantStepFragment(scope, step, fault, log, join);
        }
        context.usedResumableStep();
        FlowNode retry = scope.add(step.id() + "_retry", NodeKind.EXCLUSIVE_GATEWAY, null);
        FlowNode failure = scope.add(step.id() + "_downlinkFailure", NodeKind.BOUNDARY_EVENT, "Downlink failure")
                .attachTo(step)
                .eventDefinition(new EventDefinition.Error(ProcessErrors.Code.DOWNLINK_FAILURE));
        FlowNode wait = scope.add(step.id() + "_waitForDevice", NodeKind.EVENT_BASED_GATEWAY, "Wait for device");
        FlowNode contact = scope.add(step.id() + "_deviceContact", NodeKind.INTERMEDIATE_CATCH_EVENT, "Device contact")
                .eventDefinition(new EventDefinition.Message(null));
        FlowNode timeout = scope.add(step.id() + "_resumeTimer", NodeKind.INTERMEDIATE_CATCH_EVENT, "Resume timeout")
                .eventDefinition(new EventDefinition.Timer(RESUME_TIMEOUT));
        FlowNode unreachable = scope.add(step.id() + "_unreachable", NodeKind.END_EVENT, "Device unreachable")
                .eventDefinition(new EventDefinition.Error(ProcessErrors.Code.DEVICE_UNREACHABLE));
        return new ResumableStepFragment(
                scope, new ResumableStepFragment.Nodes(retry, step, failure, wait, contact, timeout, unreachable));
    }
}
