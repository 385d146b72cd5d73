package io.dmflow.engine.processing;

import io.dmflow.engine.clock.EngineClock;
import io.dmflow.engine.deployment.ProcessDefinitions;
import io.dmflow.engine.feel.ExpressionLanguage;
import io.dmflow.engine.job.JobAvailability;

/** What every command shares: definitions, FEEL, the clock and the signals to waiting callers. */
public record EngineServices(ProcessDefinitions definitions, ExpressionLanguage expressions, EngineClock clock,
    JobAvailability jobAvailability, ProcessCompletionListener completionListener) {}
