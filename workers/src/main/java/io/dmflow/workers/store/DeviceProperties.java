package io.dmflow.workers.store;

/** Device properties a flow sets (the task language's {@code store type="devProp"}). */
public interface DeviceProperties {

    void set(String endpoint, String name, String value);
}
