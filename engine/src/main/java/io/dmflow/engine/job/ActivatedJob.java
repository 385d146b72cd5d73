package io.dmflow.engine.job;

import java.util.Map;

/** A job handed to a worker, with its variables snapshot. */
public record ActivatedJob(JobRecord job, long deadline, String worker, Map<String, Object> variables) {}
