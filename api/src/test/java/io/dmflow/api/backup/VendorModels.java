package io.dmflow.api.backup;

import io.dmflow.lwm2m.model.ObjectModels;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** The application with the test's vendor objects loaded: Device.Configuration (33000) with its "Full Config". */
public class VendorModels implements QuarkusTestProfile {

    static final int CONFIGURATION_OBJECT = 33000;
    static final int FULL_CONFIG = 0;
    static final String FULL_CONFIG_KEY = "Device.Configuration.0.Full Config";

    static Path directory() {
        return Path.of("src/test/resources/models").toAbsolutePath();
    }

    /** The same definitions for the simulated devices. */
    static ObjectModels models() {
        return ObjectModels.withDirectory(directory());
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("dmflow.lwm2m.models-dir", directory().toString());
    }
}
