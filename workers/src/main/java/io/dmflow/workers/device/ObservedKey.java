package io.dmflow.workers.device;

import io.dmflow.contract.BpmnErrorCode;
import io.dmflow.workers.job.JobRefusal;
import java.util.Map;

/** The refusal of a step on a key dmflow observes: the BPMN error {@code KEY_OBSERVED} naming the key. */
final class ObservedKey {

    private ObservedKey() {}

    static JobRefusal refusal(String key, String message) {
        return new JobRefusal(BpmnErrorCode.KEY_OBSERVED, message, Map.of(BpmnErrorCode.OBSERVED_KEY_VARIABLE, key));
    }
}
