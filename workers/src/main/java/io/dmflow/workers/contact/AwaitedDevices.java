package io.dmflow.workers.contact;

/** Which devices a flow waits on: a running or waiting execution. */
@FunctionalInterface
public interface AwaitedDevices {

    boolean isAwaited(String endpoint);
}
