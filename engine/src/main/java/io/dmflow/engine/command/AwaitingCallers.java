package io.dmflow.engine.command;

import io.dmflow.engine.processing.behavior.ProcessCompletionListener;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Create-instance calls that wait for the instance to complete (withResult). */
public final class AwaitingCallers implements ProcessCompletionListener {
    private final Map<Long, CompletableFuture<Map<String, Object>>> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<Map<String, Object>> register(long processInstanceKey) {
        return waiting.computeIfAbsent(processInstanceKey, k -> new CompletableFuture<>());
    }

    public void forget(long processInstanceKey) {
        waiting.remove(processInstanceKey);
    }

    @Override
    public void completed(long processInstanceKey, Map<String, Object> variables) {
        CompletableFuture<Map<String, Object>> future = waiting.remove(processInstanceKey);
        if (future != null) {
            future.complete(variables);
        }
    }
}
