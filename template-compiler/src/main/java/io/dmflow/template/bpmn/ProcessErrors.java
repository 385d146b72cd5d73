package io.dmflow.template.bpmn;

import io.dmflow.contract.BpmnErrorCode;

/** The BPMN errors compiled processes catch or throw, declared once per definitions element. */
public final class ProcessErrors {

    /** An error code with the id of its bpmn:error and a readable name. */
    public enum Code {
        /** Workers: the device did not answer, sleeps, or is not registered. */
        DOWNLINK_FAILURE(BpmnErrorCode.DOWNLINK_FAILURE, "Error_DownlinkFailure", "Downlink failure"),
        /** Workers: the device answered with an error code (variable {@value BpmnErrorCode#LWM2M_STATUS_VARIABLE}). */
        LWM2M_ERROR(BpmnErrorCode.LWM2M_ERROR, "Error_Lwm2mError", "LwM2M error"),
        /** Compiled processes: the device did not come back before the resumption timeout. */
        DEVICE_UNREACHABLE(BpmnErrorCode.DEVICE_UNREACHABLE, "Error_DeviceUnreachable", "Device unreachable"),
        /** Compiled processes: a {@code <finish>} inside a loop ends the whole task, not just the loop. */
        TASK_FINISHED(BpmnErrorCode.TASK_FINISHED, "Error_TaskFinished", "Task finished");

        private final String errorCode;
        private final String id;
        private final String label;

        Code(String errorCode, String id, String label) {
            this.errorCode = errorCode;
            this.id = id;
            this.label = label;
        }

        /** The {@code errorCode} workers throw and catch events match. */
        public String errorCode() {
            return errorCode;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }
    }

    private ProcessErrors() {}
}
