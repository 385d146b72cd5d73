package io.dmflow.engine.processing.behavior;

import io.dmflow.engine.clock.EngineClock;
import io.dmflow.engine.deployment.ProcessDefinitions;
import io.dmflow.engine.feel.ExpressionLanguage;
import io.dmflow.engine.job.JobAvailability;
import io.dmflow.engine.model.BpmnElementType;
import java.util.Map;

/**
 * What every command shares: definitions, FEEL, the clock, the signals to waiting callers and the
 * processor of each element kind (assembled above this package, which the processors build on).
 */
public record EngineServices(
        ProcessDefinitions definitions,
        ExpressionLanguage expressions,
        EngineClock clock,
        JobAvailability jobAvailability,
        ProcessCompletionListener completionListener,
        Map<BpmnElementType, BpmnElementProcessor> processors) {}
