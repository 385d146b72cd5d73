package io.dmflow.engine.processing;

import io.dmflow.engine.model.BpmnElementType;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.container.CallActivityProcessor;
import io.dmflow.engine.processing.container.ContainerProcessor;
import io.dmflow.engine.processing.container.MultiInstanceBodyProcessor;
import io.dmflow.engine.processing.event.CatchEventProcessor;
import io.dmflow.engine.processing.event.EndEventProcessor;
import io.dmflow.engine.processing.event.ThrowEventProcessor;
import io.dmflow.engine.processing.event.TriggeredEventProcessor;
import io.dmflow.engine.processing.gateway.EventBasedGatewayProcessor;
import io.dmflow.engine.processing.gateway.ExclusiveGatewayProcessor;
import io.dmflow.engine.processing.gateway.InclusiveGatewayProcessor;
import io.dmflow.engine.processing.task.JobWorkerProcessor;
import io.dmflow.engine.processing.task.PassThroughProcessor;
import io.dmflow.engine.processing.task.ScriptTaskProcessor;
import java.util.EnumMap;
import java.util.Map;

/** One processor per element kind. */
public final class BpmnProcessors {
    private BpmnProcessors() {}

    public static Map<BpmnElementType, BpmnElementProcessor> create() {
        Map<BpmnElementType, BpmnElementProcessor> processors = new EnumMap<>(BpmnElementType.class);
        ContainerProcessor container = new ContainerProcessor();
        processors.put(BpmnElementType.PROCESS, container);
        processors.put(BpmnElementType.SUB_PROCESS, container);
        processors.put(BpmnElementType.EVENT_SUB_PROCESS, container);
        JobWorkerProcessor jobs = new JobWorkerProcessor();
        processors.put(BpmnElementType.SERVICE_TASK, jobs);
        processors.put(BpmnElementType.SEND_TASK, jobs);
        processors.put(BpmnElementType.BUSINESS_RULE_TASK, jobs);
        processors.put(BpmnElementType.SCRIPT_TASK, new ScriptTaskProcessor(jobs));
        PassThroughProcessor passThrough = new PassThroughProcessor();
        processors.put(BpmnElementType.TASK, passThrough);
        processors.put(BpmnElementType.MANUAL_TASK, passThrough);
        processors.put(BpmnElementType.INTERMEDIATE_THROW_EVENT, new ThrowEventProcessor(jobs, passThrough));
        processors.put(BpmnElementType.START_EVENT, new TriggeredEventProcessor());
        processors.put(BpmnElementType.BOUNDARY_EVENT, new TriggeredEventProcessor());
        processors.put(BpmnElementType.END_EVENT, new EndEventProcessor(jobs));
        processors.put(BpmnElementType.EXCLUSIVE_GATEWAY, new ExclusiveGatewayProcessor());
        processors.put(BpmnElementType.INCLUSIVE_GATEWAY, new InclusiveGatewayProcessor());
        processors.put(BpmnElementType.PARALLEL_GATEWAY, passThrough);
        processors.put(BpmnElementType.EVENT_BASED_GATEWAY, new EventBasedGatewayProcessor());
        CatchEventProcessor catchEvents = new CatchEventProcessor();
        processors.put(BpmnElementType.INTERMEDIATE_CATCH_EVENT, catchEvents);
        processors.put(BpmnElementType.RECEIVE_TASK, catchEvents);
        processors.put(BpmnElementType.CALL_ACTIVITY, new CallActivityProcessor());
        processors.put(BpmnElementType.MULTI_INSTANCE_BODY, new MultiInstanceBodyProcessor());
        return processors;
    }
}
