package io.dmflow.api.task;

import io.dmflow.api.execution.ExecutionProcesses;
import io.dmflow.api.execution.ProcessStarter.Unstartable;
import io.dmflow.api.template.TaskTemplate;
import io.dmflow.contract.BuiltInProcess;
import io.dmflow.contract.StartVariable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.FlushModeType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an execution runs, by its task's kind: a template's process, a user process, a built-in flow or an operation. */
@ApplicationScoped
public class TaskProcesses implements ExecutionProcesses {

    @Inject
    OperationVariables operations;

    @Inject
    TaskDefinitions definitions;

    @Override
    public Chosen of(String taskId, Map<String, String> deviceProperties) {
        TaskDefinitions.Definition task = definitions.of(taskId);
        Map<String, Object> taskVariable = new LinkedHashMap<>();
        taskVariable.put(StartVariable.TASK_ID, task.id());
        taskVariable.put(StartVariable.TASK_NAME, task.name());
        taskVariable.put(StartVariable.TASK_PROPERTIES, task.properties());
        Map<String, Object> variables = new HashMap<>();
        if (task.kind() == Task.Kind.OPERATION) {
            variables.putAll(operations.of(task.definition(), task.properties()));
        } else if (task.kind() != Task.Kind.TEMPLATE) {
            // Built-in flows and user processes take the task's attributes as variables of their own names.
            variables.putAll(task.properties());
        }
        return new Chosen(processId(task, deviceProperties), taskVariable, variables);
    }

    private static String processId(TaskDefinitions.Definition task, Map<String, String> deviceProperties) {
        return switch (task.kind()) {
            case TEMPLATE -> templateProcessId(task.definition(), "template");
            case PROCESS -> task.definition();
            case OPERATION -> BuiltInProcess.DEVICE_OPERATION;
            case TYPE -> {
                BuiltInTask type = BuiltInTask.byTypeName(task.definition()).orElseThrow();
                String custom =
                        type.customTemplateProperty().map(deviceProperties::get).orElse(null);
                yield custom == null || custom.isBlank()
                        ? type.processId()
                        : templateProcessId(
                                custom, type.customTemplateProperty().get());
            }
        };
    }

    /** The process id alone: the template's entity carries its source and compiled BPMN, which a start does not need. */
    private static String templateProcessId(String name, String origin) {
        @SuppressWarnings("unchecked")
        List<String> processIds = TaskTemplate.getEntityManager()
                .createNativeQuery("SELECT process_id FROM dmflow.task_template WHERE name = ?1")
                .setFlushMode(FlushModeType.COMMIT) // an execution's start changes no template
                .setParameter(1, name)
                .getResultList();
        if (processIds.isEmpty()) {
            throw new Unstartable("The " + origin + " names template " + name + ", which does not exist");
        }
        return processIds.get(0);
    }
}
