package io.dmflow.template.bpmn;

/** The BPMN elements a compiled template is made of, with their XML names and default sizes. */
public enum NodeKind {
    START_EVENT("startEvent", 36, 36),
    END_EVENT("endEvent", 36, 36),
    SERVICE_TASK("serviceTask", 100, 80),
    SCRIPT_TASK("scriptTask", 100, 80),
    CALL_ACTIVITY("callActivity", 100, 80),
    EXCLUSIVE_GATEWAY("exclusiveGateway", 50, 50),
    EVENT_BASED_GATEWAY("eventBasedGateway", 50, 50),
    INTERMEDIATE_CATCH_EVENT("intermediateCatchEvent", 36, 36),
    BOUNDARY_EVENT("boundaryEvent", 36, 36),
    SUB_PROCESS("subProcess", 0, 0);

    private final String xmlName;
    private final int width;
    private final int height;

    NodeKind(String xmlName, int width, int height) {
        this.xmlName = xmlName;
        this.width = width;
        this.height = height;
    }

    public String xmlName() {
        return xmlName;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean isEvent() {
        return this == START_EVENT || this == END_EVENT || this == INTERMEDIATE_CATCH_EVENT || this == BOUNDARY_EVENT;
    }

    public boolean isGateway() {
        return this == EXCLUSIVE_GATEWAY || this == EVENT_BASED_GATEWAY;
    }

    /** Events and gateways carry their name beside the shape; activities inside it. */
    public boolean hasExternalLabel() {
        return isEvent() || isGateway();
    }
}
