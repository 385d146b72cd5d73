package io.dmflow.api.task;

import java.util.Map;

/**
 * The start variables of an interactive operation's task ({@link Task.Kind#OPERATION}): the operation package,
 * which submits such tasks, knows how its string properties become the job's inputs.
 */
public interface OperationVariables {

    Map<String, Object> of(String operationName, Map<String, String> properties);
}
