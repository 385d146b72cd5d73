package io.dmflow.template.support;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.camunda.bpm.model.xml.validation.ValidationResults;

/** Reads compiled BPMN with Zeebe's own model and runs its schema and design-time validation. */
public final class BpmnChecks {

    private BpmnChecks() {}

    public static BpmnModelInstance read(String xml) {
        return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every schema or Zeebe design-time error, as text; empty when the model is deployable. */
    public static List<String> errors(String xml) {
        BpmnModelInstance model = read(xml);
        List<String> errors = new ArrayList<>();
        try {
            Bpmn.validateModel(model);
        } catch (RuntimeException e) {
            errors.add("schema: " + e.getMessage());
        }
        ValidationResults results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
        results.getResults().forEach((element, list) -> {
            for (ValidationResult r : list) {
                if (r.getType() == ValidationResultType.ERROR) {
                    errors.add(element.getAttributeValue("id") + ": " + r.getMessage());
                }
            }
        });
        return errors;
    }
}
