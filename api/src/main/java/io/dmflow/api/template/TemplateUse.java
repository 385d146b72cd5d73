package io.dmflow.api.template;

/** How many active tasks run a template: a template in use is not deleted. Tasks, above templates, answer it. */
public interface TemplateUse {

    long activeTasksRunning(String templateName);
}
