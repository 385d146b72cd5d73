package io.dmflow.template.compile;

import io.dmflow.contract.BpmnErrorCode;
import io.dmflow.contract.BuiltInProcess;
import io.dmflow.contract.ExecutionStatus;
import io.dmflow.contract.JobType;
import io.dmflow.template.bpmn.EventDefinition;
import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.IdGenerator;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessErrors;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.Feel;
import io.dmflow.template.expression.VariableScope;
import io.dmflow.template.layout.ChainFragment;
import io.dmflow.template.layout.Diagram;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.layout.NodeFragment;
import io.dmflow.template.layout.ProcessLayout;
import io.dmflow.template.layout.SubProcessFragment;
import io.dmflow.template.output.BpmnDocument;
import io.dmflow.template.output.BpmnXmlWriter;
import io.dmflow.template.parse.TemplateDocumentReader;
import io.dmflow.template.parse.XmlElement;
import io.dmflow.template.source.Diagnostics;
import io.dmflow.template.source.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Compiles a task template to one executable BPMN process ({@link BuiltInProcess#templateProcessId}): started,
 * the tags in document order, the success recorded; device failures handled by event sub-processes.
 */
public final class TemplateCompiler {

    private static final Pattern TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private TemplateCompiler() {}

    public static String processId(String templateName) {
        return BuiltInProcess.templateProcessId(templateName);
    }

    /** Never throws: every problem, even a fault of the compiler itself, comes back as a diagnostic. */
    public static Compilation compile(String fileName, String templateName, String text) {
        Diagnostics diagnostics = new Diagnostics(fileName);
        try {
            return compile(fileName, templateName, text, diagnostics);
        } catch (RuntimeException | StackOverflowError e) {
            diagnostics.error(
                    Position.START,
                    "internal error of the template compiler, please report it with this template: "
                            + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""));
            return failed(processId(templateName), diagnostics);
        }
    }

    private static Compilation compile(String fileName, String templateName, String text, Diagnostics diagnostics) {
        String processId = processId(templateName);
        if (!TEMPLATE_NAME.matcher(templateName).matches()) {
            diagnostics.error(
                    Position.START,
                    "template name '" + templateName
                            + "' must be letters, digits, '.', '_' or '-' (it becomes the process id)");
        }
        Optional<XmlElement> root = TemplateDocumentReader.read(text, diagnostics);
        if (root.isEmpty()) {
            return failed(processId, diagnostics);
        }
        if (!root.get().name().equals("config")) {
            diagnostics.error(
                    root.get().position(),
                    "a template starts with <config>, found <" + root.get().name() + ">");
            return failed(processId, diagnostics);
        }
        TagAttributes.check(root.get(), diagnostics, List.of(), List.of());
        VariableScope variables = TaskVariables.collect(root.get(), diagnostics);
        CompilationContext context = new CompilationContext(diagnostics, variables);
        BlockCompiler block = new BlockCompiler(context, tags());

        ProcessScope process = new ProcessScope(new IdGenerator());
        FlowNode start = process.add("start", NodeKind.START_EVENT, "Task started");
        List<Fragment> main = new ArrayList<>();
        main.add(new NodeFragment(start, false));
        main.addAll(block.fragments(root.get().children(), process));
        if (main.get(main.size() - 1).exit() != null) {
            FlowNode success = process.add("recordSuccess", NodeKind.SERVICE_TASK, "Record success")
                    .jobType(JobType.DM_EXECUTION_UPDATE)
                    .input("status", "=" + Feel.quote(ExecutionStatus.SUCCESS.name()));
            FlowNode end = process.add("end", NodeKind.END_EVENT, "Task done");
            main.add(new NodeFragment(success, false));
            main.add(new NodeFragment(end, true));
        }
        if (diagnostics.hasErrors()) {
            return failed(processId, diagnostics);
        }
        Fragment mainChain = new ChainFragment(process, main);
        List<Fragment> handlers = new ArrayList<>();
        if (context.hasResumableSteps()) {
            handlers.addAll(failureHandlers(process));
        }
        if (context.hasFinishInsideLoop()) {
            handlers.add(earlyFinish(process));
        }
        Diagram diagram = ProcessLayout.layout(mainChain, handlers);
        String xml = BpmnXmlWriter.write(new BpmnDocument(
                processId,
                templateName,
                "Compiled from task template " + templateName + " (" + fileName + ")",
                process,
                diagram));
        return new Compilation(processId, Optional.of(xml), diagnostics.sorted());
    }

    private static Compilation failed(String processId, Diagnostics diagnostics) {
        return new Compilation(processId, Optional.empty(), diagnostics.sorted());
    }

    /** The event sub-processes that end the task when the device answers with an error or never comes back. */
    private static List<Fragment> failureHandlers(ProcessScope process) {
        return List.of(
                handler(
                        process,
                        "deviceError",
                        ProcessErrors.Code.LWM2M_ERROR,
                        "Device answered with an error",
                        "=\"device answered \" + get or else(" + BpmnErrorCode.LWM2M_STATUS_VARIABLE
                                + ", \"an error\")"),
                handler(
                        process,
                        "deviceUnreachable",
                        ProcessErrors.Code.DEVICE_UNREACHABLE,
                        "Device did not come back",
                        "=\"device did not come back before the resume timeout\""));
    }

    /** The status is recorded where the finish is; this only ends the task. */
    private static Fragment earlyFinish(ProcessScope process) {
        ProcessScope inner = process.nested();
        FlowNode start = inner.add("earlyFinish_start", NodeKind.START_EVENT, "Finish in a loop")
                .eventDefinition(new EventDefinition.Error(ProcessErrors.Code.TASK_FINISHED));
        FlowNode end = inner.add("earlyFinish_end", NodeKind.END_EVENT, "Task finished");
        Fragment chain = new ChainFragment(inner, List.of(new NodeFragment(start, false), new NodeFragment(end, true)));
        FlowNode sub = process.add("earlyFinish", NodeKind.SUB_PROCESS, "Task finished early")
                .children(inner, true);
        return new SubProcessFragment(sub, chain);
    }

    private static Fragment handler(
            ProcessScope process, String id, ProcessErrors.Code code, String name, String details) {
        ProcessScope inner = process.nested();
        FlowNode start = inner.add(id + "_start", NodeKind.START_EVENT, code.label())
                .eventDefinition(new EventDefinition.Error(code));
        FlowNode record = inner.add(id + "_record", NodeKind.SERVICE_TASK, "Record failure")
                .jobType(JobType.DM_EXECUTION_UPDATE)
                .input("status", "=" + Feel.quote(ExecutionStatus.ERROR.name()))
                .input("details", details);
        FlowNode end = inner.add(id + "_end", NodeKind.END_EVENT, "Task failed");
        Fragment chain = new ChainFragment(
                inner,
                List.of(new NodeFragment(start, false), new NodeFragment(record, false), new NodeFragment(end, true)));
        FlowNode sub = process.add(id, NodeKind.SUB_PROCESS, name).children(inner, true);
        return new SubProcessFragment(sub, chain);
    }

    private static Map<String, TagCompiler> tags() {
        Map<String, TagCompiler> tags = new TreeMap<>();
        tags.put("store", new StoreTag());
        tags.put("if", new IfTag());
        tags.put("foreach", new ForeachTag());
        tags.put("while", new WhileTag());
        tags.put("log", new LogTag());
        tags.put("get", DeviceOperationTag.read());
        tags.put("set", DeviceOperationTag.write());
        tags.put("execute", DeviceOperationTag.execute());
        tags.put("add", DeviceOperationTag.create());
        tags.put("delete", DeviceOperationTag.delete());
        tags.put("setAttributes", DeviceOperationTag.writeAttributes());
        tags.put("cancelAllObserves", DeviceOperationTag.cancelAllObservations());
        tags.put("observe", BuiltInTaskTag.observe());
        tags.put("readResource", new ResourceTags.Read());
        tags.put("editResource", new ResourceTags.Edit());
        tags.put("wait", new WaitTag());
        tags.put("finish", new FinishTag());
        tags.put("lwm2mFirmwareUpdate", BuiltInTaskTag.firmwareUpdate());
        tags.put("lwm2mSoftwareManagement", BuiltInTaskTag.softwareManagement());
        tags.put("lwm2mSoftwareActivation", BuiltInTaskTag.softwareActivation());
        tags.put("lwm2mBestEffortGet", BuiltInTaskTag.bestEffortGet());
        tags.put("lwm2mBootstrap", BuiltInTaskTag.bootstrap());
        tags.put("lwm2mBootstrapConfiguration", BuiltInTaskTag.bootstrapConfiguration());
        return tags;
    }
}
