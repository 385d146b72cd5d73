package io.dmflow.lwm2m.observation;

import java.util.Set;

/**
 * The observations operators asked for, kept apart from the server's live observation state so that
 * they can be set up again when a device registers anew (after its reboot or the server's restart).
 */
public interface ObservationRecords {

    void observed(String endpoint, String path);

    void forgotten(String endpoint, String path);

    void forgottenAll(String endpoint);

    Set<String> observedPaths(String endpoint);
}
