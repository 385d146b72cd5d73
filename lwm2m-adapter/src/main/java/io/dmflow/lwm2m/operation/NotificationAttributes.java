package io.dmflow.lwm2m.operation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttribute;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeModel;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;

/**
 * The notification attributes of Write-Attributes. A null field is left as the device has it; a name
 * in {@code cleared} is removed from the device (sent without a value).
 */
public record NotificationAttributes(Long pmin, Long pmax, BigDecimal gt, BigDecimal lt, BigDecimal st, Long epmin,
        Long epmax, Set<String> cleared) {

    public static final Set<String> NAMES = Set.of("pmin", "pmax", "gt", "lt", "st", "epmin", "epmax");

    public NotificationAttributes {
        cleared = cleared == null ? Set.of() : Set.copyOf(cleared);
        for (String name : cleared) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("Unknown attribute '" + name + "', expected one of " + NAMES);
            }
        }
        if (pmin != null && pmax != null && pmax < pmin) {
            throw new IllegalArgumentException("pmax (" + pmax + ") must not be less than pmin (" + pmin + ")");
        }
        if (epmin != null && epmax != null && epmax < epmin) {
            throw new IllegalArgumentException("epmax (" + epmax + ") must not be less than epmin (" + epmin + ")");
        }
    }

    public boolean isEmpty() {
        return pmin == null && pmax == null && gt == null && lt == null && st == null && epmin == null
                && epmax == null && cleared.isEmpty();
    }

    LwM2mAttributeSet toAttributeSet() {
        List<LwM2mAttribute<?>> attributes = new ArrayList<>();
        add(attributes, LwM2mAttributes.MINIMUM_PERIOD, pmin, "pmin");
        add(attributes, LwM2mAttributes.MAXIMUM_PERIOD, pmax, "pmax");
        add(attributes, LwM2mAttributes.GREATER_THAN, gt, "gt");
        add(attributes, LwM2mAttributes.LESSER_THAN, lt, "lt");
        add(attributes, LwM2mAttributes.STEP, st, "st");
        add(attributes, LwM2mAttributes.EVALUATE_MINIMUM_PERIOD, epmin, "epmin");
        add(attributes, LwM2mAttributes.EVALUATE_MAXIMUM_PERIOD, epmax, "epmax");
        return new LwM2mAttributeSet(attributes);
    }

    private <T> void add(List<LwM2mAttribute<?>> attributes, LwM2mAttributeModel<T> model, T value, String name) {
        if (value != null) {
            attributes.add(LwM2mAttributes.create(model, value));
        } else if (cleared.contains(name)) {
            attributes.add(LwM2mAttributes.create(model));
        }
    }
}
