package io.dmflow.engine.processing.behavior;

import java.util.Map;

/** Told (after commit) that a root process instance completed, with its root variables. */
public interface ProcessCompletionListener {
    void completed(long processInstanceKey, Map<String, Object> variables);
}
