package io.dmflow.api.userprocess;

/** How many active tasks run a user process: a process in use is not removed. Tasks, above processes, answer it. */
public interface ProcessUse {

    long activeTasksRunningProcess(String processId);
}
