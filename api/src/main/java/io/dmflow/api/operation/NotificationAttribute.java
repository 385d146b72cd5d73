package io.dmflow.api.operation;

import java.math.BigDecimal;
import java.util.Set;

import io.dmflow.lwm2m.operation.NotificationAttributes;

/** The LwM2M notification attributes a write-attributes operation may set, and what each value must be. */
final class NotificationAttribute {

    static final Set<String> NAMES = NotificationAttributes.NAMES;

    private static final Set<String> PERIODS = Set.of("pmin", "pmax", "epmin", "epmax");

    private NotificationAttribute() {
    }

    /** Why the value cannot be the attribute's, or null; an empty value clears the attribute on the device. */
    static String problem(String name, String value) {
        if (value.isBlank()) {
            return null;
        }
        if (PERIODS.contains(name)) {
            try {
                return Long.parseLong(value.trim()) >= 0 ? null : name + " must not be negative";
            } catch (NumberFormatException e) {
                return name + " must be a whole number of seconds, not " + value;
            }
        }
        try {
            new BigDecimal(value.trim());
            return null;
        } catch (NumberFormatException e) {
            return name + " must be a number, not " + value;
        }
    }
}
