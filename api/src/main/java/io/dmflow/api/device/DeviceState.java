package io.dmflow.api.device;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Whether dmflow can reach a device now. */
public enum DeviceState {
    /** Registered and listening. */
    ONLINE,
    /** Registered in queue mode and not listening until it next contacts the server. */
    SLEEPING,
    /** Not registered: deregistered, lifetime expired, or not seen since dmflow started. */
    OFFLINE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeviceState fromWireName(String name) {
        for (DeviceState state : values()) {
            if (state.wireName().equalsIgnoreCase(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown device state '" + name + "', expected one of "
                + Arrays.stream(values()).map(DeviceState::wireName).collect(Collectors.joining(", ")));
    }
}
