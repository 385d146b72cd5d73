package io.dmflow.template.compile;

import io.dmflow.contract.BuiltInProcess;
import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.expression.Type;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A built-in task used as a tag ({@code lwm2mFirmwareUpdate}, {@code observe}, ...): a call activity of the
 * hand-modelled process in bpmn/, by process id, with each attribute passed as an input variable of the
 * same name. Booleans and numbers written as text are passed as such. The call passes endsExecution=false, so that
 * the called flow records no final status and the template's execution runs on after it.
 */
final class BuiltInTaskTag implements TagCompiler {

    enum Kind {
        STRING,
        BOOLEAN,
        INTEGER
    }

    private final String processId;
    private final String name;
    private final Map<String, Kind> attributes;
    private final List<String> required;
    private final boolean serverChildren;

    private BuiltInTaskTag(
            String processId,
            String name,
            Map<String, Kind> attributes,
            List<String> required,
            boolean serverChildren) {
        this.processId = processId;
        this.name = name;
        this.attributes = attributes;
        this.required = required;
        this.serverChildren = serverChildren;
    }

    private static Map<String, Kind> spec(Object... pairs) {
        Map<String, Kind> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return map;
    }

    static BuiltInTaskTag firmwareUpdate() {
        return new BuiltInTaskTag(
                BuiltInProcess.FIRMWARE_UPDATE,
                "Firmware update",
                spec(
                        "resourceId",
                        Kind.STRING,
                        "transferMethod",
                        Kind.STRING,
                        "protocol",
                        Kind.STRING,
                        "baseUrl",
                        Kind.STRING,
                        "useQuota",
                        Kind.BOOLEAN,
                        "blocking",
                        Kind.BOOLEAN,
                        "timeoutInSec",
                        Kind.INTEGER,
                        "ignoreFaults",
                        Kind.BOOLEAN,
                        "resultVar",
                        Kind.STRING,
                        "resultDetailsVar",
                        Kind.STRING,
                        "useCacheForInitialStateRead",
                        Kind.BOOLEAN,
                        "resumeAfterDownlinkFailure",
                        Kind.BOOLEAN,
                        "checkDeliveryAndProtocol",
                        Kind.BOOLEAN),
                List.of("resourceId"),
                false);
    }

    static BuiltInTaskTag softwareManagement() {
        return new BuiltInTaskTag(
                BuiltInProcess.SOFTWARE_MANAGEMENT,
                "Software management",
                spec(
                        "operation",
                        Kind.STRING,
                        "resourceId",
                        Kind.STRING,
                        "transferMethod",
                        Kind.STRING,
                        "instanceId",
                        Kind.STRING,
                        "protocol",
                        Kind.STRING,
                        "baseUrl",
                        Kind.STRING,
                        "useQuota",
                        Kind.BOOLEAN,
                        "blocking",
                        Kind.BOOLEAN,
                        "timeoutInSec",
                        Kind.INTEGER,
                        "ignoreFaults",
                        Kind.BOOLEAN,
                        "resultVar",
                        Kind.STRING,
                        "resultDetailsVar",
                        Kind.STRING,
                        "resumeAfterDownlinkFailure",
                        Kind.BOOLEAN),
                List.of("operation"),
                false);
    }

    static BuiltInTaskTag softwareActivation() {
        return new BuiltInTaskTag(
                BuiltInProcess.SOFTWARE_ACTIVATION,
                "Software activation",
                spec("desiredState", Kind.STRING, "instanceId", Kind.STRING),
                List.of("desiredState", "instanceId"),
                false);
    }

    static BuiltInTaskTag bestEffortGet() {
        return new BuiltInTaskTag(
                BuiltInProcess.BEST_EFFORT_GET,
                "Best-effort get",
                spec(
                        "key",
                        Kind.STRING,
                        "useRefreshDataModel",
                        Kind.BOOLEAN,
                        "useObjectRead",
                        Kind.BOOLEAN,
                        "useObjectInstanceRead",
                        Kind.BOOLEAN,
                        "useResourceRead",
                        Kind.BOOLEAN,
                        "useDiscover",
                        Kind.BOOLEAN),
                List.of(),
                false);
    }

    static BuiltInTaskTag bootstrap() {
        return new BuiltInTaskTag(
                BuiltInProcess.BOOTSTRAP,
                "Bootstrap",
                spec("performBootstrapFinish", Kind.BOOLEAN, "finishSession", Kind.BOOLEAN),
                List.of(),
                true);
    }

    static BuiltInTaskTag bootstrapConfiguration() {
        return new BuiltInTaskTag(
                BuiltInProcess.BOOTSTRAP_CONFIGURATION,
                "Bootstrap configuration",
                spec("serverName", Kind.STRING, "serverId", Kind.INTEGER),
                List.of(),
                false);
    }

    static BuiltInTaskTag observe() {
        return new BuiltInTaskTag(
                BuiltInProcess.OBSERVE,
                "Observe",
                spec(
                        "key",
                        Kind.STRING,
                        "sendObservationRequest",
                        Kind.BOOLEAN,
                        "cancel",
                        Kind.BOOLEAN,
                        "cancelType",
                        Kind.STRING,
                        "minimumPeriod",
                        Kind.INTEGER,
                        "maximumPeriod",
                        Kind.INTEGER,
                        "greaterThan",
                        Kind.INTEGER,
                        "lessThan",
                        Kind.INTEGER,
                        "step",
                        Kind.INTEGER,
                        "failIfExists",
                        Kind.BOOLEAN,
                        "minimumEvaluationPeriod",
                        Kind.INTEGER,
                        "maximumEvaluationPeriod",
                        Kind.INTEGER),
                List.of("key"),
                false);
    }

    @Override
    public Optional<Fragment> compile(XmlElement element, ProcessScope scope, BlockCompiler block) {
        CompilationContext context = block.context();
        if (!TagAttributes.check(element, context.diagnostics(), required, optionalAttributes())) {
            return Optional.empty();
        }
        boolean ok = true;
        List<String[]> inputs = new ArrayList<>();
        String shownKey = null;
        for (XmlAttribute attribute : element.attributes()) {
            Optional<String> value = input(attribute, attributes.get(attribute.name()), context);
            ok &= value.isPresent();
            value.ifPresent(v -> inputs.add(new String[] {attribute.name(), v}));
            if (attribute.name().equals("key")) {
                shownKey = Readable.of(attribute.value().text());
            }
        }
        if (serverChildren) {
            ok &= servers(element, context, inputs);
        } else {
            TagAttributes.noChildren(element, context.diagnostics());
        }
        if (!ok) {
            return Optional.empty();
        }
        FlowNode call = scope.add(
                        element.name() + "_" + element.position().line() + "_"
                                + element.position().column(),
                        NodeKind.CALL_ACTIVITY,
                        shownKey == null ? name : name + " " + shownKey)
                .calledProcess(processId);
        for (String[] input : inputs) {
            call.input(input[0], input[1]);
        }
        // the template goes on after the call: the called flow leaves the execution's final status to it
        call.input("endsExecution", "=false");
        // the called process leaves its outcome in result / resultDetails
        element.attribute("resultVar")
                .ifPresent(a -> call.output("=result", a.value().text()));
        element.attribute("resultDetailsVar")
                .ifPresent(a -> call.output("=resultDetails", a.value().text()));
        return Optional.of(DeviceSteps.wrap(call, false, scope, context));
    }

    private List<String> optionalAttributes() {
        List<String> optional = new ArrayList<>(attributes.keySet());
        optional.removeAll(required);
        return optional;
    }

    private static Optional<String> input(XmlAttribute attribute, Kind kind, CompilationContext context) {
        Optional<TemplateValue> value = context.value(attribute);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = attribute.value().text().strip();
        if (value.get().plainText() && kind == Kind.BOOLEAN) {
            if (!text.equals("true") && !text.equals("false")) {
                context.diagnostics()
                        .error(
                                attribute.value().positionOf(0),
                                "'" + attribute.name() + "' must be true or false, found '" + text + "'");
                return Optional.empty();
            }
            return Optional.of("=" + text);
        }
        if (value.get().plainText() && kind == Kind.INTEGER) {
            if (!text.matches("-?\\d+")) {
                context.diagnostics()
                        .error(
                                attribute.value().positionOf(0),
                                "'" + attribute.name() + "' must be a whole number, found '" + text + "'");
                return Optional.empty();
            }
            return Optional.of("=" + Long.parseLong(text));
        }
        if (!value.get().plainText()
                && kind == Kind.BOOLEAN
                && !value.get().type().equals(Type.BOOLEAN)) {
            context.diagnostics()
                    .error(
                            attribute.value().positionOf(0),
                            "'" + attribute.name() + "' must be a Boolean, found "
                                    + value.get().type());
            return Optional.empty();
        }
        if (!value.get().plainText()
                && kind == Kind.INTEGER
                && !value.get().type().isIntegral()) {
            context.diagnostics()
                    .error(
                            attribute.value().positionOf(0),
                            "'" + attribute.name() + "' must be a whole number, found "
                                    + value.get().type());
            return Optional.empty();
        }
        if (kind == Kind.STRING) {
            return Optional.of("=" + context.values().stringForm(value.get()).text());
        }
        return Optional.of(value.get().expression());
    }

    /** {@code <bootstrap serverName>} and {@code <regular serverName>} children become inputs {@code bootstrap} and {@code regular}. */
    private static boolean servers(XmlElement element, CompilationContext context, List<String[]> inputs) {
        boolean ok = true;
        List<String> seen = new ArrayList<>();
        for (XmlElement child : element.children()) {
            if (!child.name().equals("bootstrap") && !child.name().equals("regular")) {
                context.diagnostics()
                        .error(
                                child.position(),
                                "<" + element.name() + "> takes <bootstrap> and <regular> tags, found <" + child.name()
                                        + ">");
                ok = false;
                continue;
            }
            if (seen.contains(child.name())) {
                context.diagnostics().error(child.position(), "<" + child.name() + "> is given twice");
                ok = false;
                continue;
            }
            seen.add(child.name());
            if (!TagAttributes.check(child, context.diagnostics(), List.of("serverName"), List.of())) {
                ok = false;
                continue;
            }
            Optional<TemplateValue> server =
                    context.value(child.attribute("serverName").orElseThrow());
            if (server.isEmpty()) {
                ok = false;
                continue;
            }
            inputs.add(new String[] {
                child.name(),
                "={serverName: " + context.values().stringForm(server.get()).text() + "}"
            });
        }
        return ok;
    }
}
