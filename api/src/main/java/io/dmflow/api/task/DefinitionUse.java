package io.dmflow.api.task;

import io.dmflow.api.template.TemplateUse;
import io.dmflow.api.userprocess.ProcessUse;
import jakarta.enterprise.context.ApplicationScoped;

/** The active tasks that run a template or a user process, for the packages that must not delete one in use. */
@ApplicationScoped
public class DefinitionUse implements TemplateUse, ProcessUse {

    @Override
    public long activeTasksRunning(String templateName) {
        return Task.activeUsing(Task.Kind.TEMPLATE, templateName);
    }

    @Override
    public long activeTasksRunningProcess(String processId) {
        return Task.activeUsing(Task.Kind.PROCESS, processId);
    }
}
