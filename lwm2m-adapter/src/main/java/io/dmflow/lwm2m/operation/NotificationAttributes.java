package io.dmflow.lwm2m.operation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttribute;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeModel;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;

/**
 * The notification attributes of Write-Attributes. A null field is left as the device has it; a name
 * in {@code cleared} is removed from the device (sent without a value).
 */
public record NotificationAttributes(
        Long pmin,
        Long pmax,
        BigDecimal gt,
        BigDecimal lt,
        BigDecimal st,
        Long epmin,
        Long epmax,
        Set<String> cleared) {

    public static final Set<String> NAMES = Set.of("pmin", "pmax", "gt", "lt", "st", "epmin", "epmax");

    /** The attributes counted in seconds; the others are numbers compared with the resource's value. */
    public static final Set<String> PERIODS = Set.of("pmin", "pmax", "epmin", "epmax");

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

    /**
     * Why {@code value} cannot be the attribute's, or empty. A blank value is fine: it clears the attribute. The one
     * check of attribute values, so that a REST request and a flow's job refuse the same values in the same words.
     */
    public static Optional<String> problem(String name, String value) {
        if (!NAMES.contains(name)) {
            return Optional.of("must be one of " + NAMES + ", not " + name);
        }
        if (value.isBlank()) {
            return Optional.empty();
        }
        if (PERIODS.contains(name)) {
            try {
                return Long.parseLong(value.trim()) >= 0
                        ? Optional.empty()
                        : Optional.of(name + " must not be negative");
            } catch (NumberFormatException e) {
                return Optional.of(name + " must be a whole number of seconds, not " + value);
            }
        }
        try {
            new BigDecimal(value.trim());
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of(name + " must be a number, not " + value);
        }
    }

    public boolean isEmpty() {
        return pmin == null
                && pmax == null
                && gt == null
                && lt == null
                && st == null
                && epmin == null
                && epmax == null
                && cleared.isEmpty();
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
