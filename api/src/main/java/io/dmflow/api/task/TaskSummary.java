package io.dmflow.api.task;

/**
 * How a task's executions stand. {@code completed} = successes + failures + warnings + cancelled;
 * the rates are fractions of {@code totalScheduled} (0 to 1), rounded to 4 places.
 */
public record TaskSummary(
        String taskId,
        long totalScheduled,
        long queued,
        long inProgress,
        long waitingForDevice,
        long completed,
        long successes,
        long warnings,
        long failures,
        long cancelled,
        long notCompleted,
        double successRate,
        double failureRate,
        double completionRate) {

    static TaskSummary of(
            String taskId,
            long queued,
            long inProgress,
            long waiting,
            long successes,
            long warnings,
            long failures,
            long cancelled) {
        long total = queued + inProgress + waiting + successes + warnings + failures + cancelled;
        long completed = successes + warnings + failures + cancelled;
        return new TaskSummary(
                taskId,
                total,
                queued,
                inProgress,
                waiting,
                completed,
                successes,
                warnings,
                failures,
                cancelled,
                total - completed,
                rate(successes, total),
                rate(failures, total),
                rate(completed, total));
    }

    private static double rate(long part, long total) {
        return total == 0 ? 0 : Math.round(part * 10000.0 / total) / 10000.0;
    }
}
