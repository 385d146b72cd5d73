package io.dmflow.api.execution;

import io.dmflow.contract.ExecutionStatus;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The statuses an execution ends in, as an SQL list for the queries that look for ended executions. */
public final class FinalStatuses {

    /** e.g. {@code ('SUCCESS', 'WARNING', 'ERROR', 'CANCELLED')}, taken from {@link ExecutionStatus#isFinal()}. */
    public static final String SQL_LIST = Arrays.stream(ExecutionStatus.values())
            .filter(ExecutionStatus::isFinal)
            .map(status -> "'" + status.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    private FinalStatuses() {}
}
