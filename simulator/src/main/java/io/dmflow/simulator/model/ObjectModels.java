package io.dmflow.simulator.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.leshan.core.model.InvalidDDFFileException;
import org.eclipse.leshan.core.model.InvalidModelException;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.StaticModel;

/**
 * The object models every simulated device shares: Leshan's core OMA objects plus the DDF files this module ships
 * (Software Management 9, which Leshan M18 lacks, and the IPSO Temperature 3303).
 * <p>
 * Parsed once per JVM: re-parsing the DDF files for every one of thousands of clients is slow and wastes heap.
 * Servers in tests use {@link #all()} so that both sides agree on the same definitions.
 */
public final class ObjectModels {

    /** DDF files shipped under {@code /models/} in this jar. */
    static final String[] SHIPPED_DDF = { "9.xml", "3303.xml" };

    private static final List<ObjectModel> ALL = load();
    private static final LwM2mModel SHARED = new StaticModel(ALL);

    private ObjectModels() {
    }

    /** Every object definition known to the simulator. */
    public static List<ObjectModel> all() {
        return ALL;
    }

    /** One immutable model instance, shared by all simulated devices. */
    public static LwM2mModel shared() {
        return SHARED;
    }

    private static List<ObjectModel> load() {
        List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadDefault());
        for (String file : SHIPPED_DDF) {
            models.addAll(loadShipped(file));
        }
        return Collections.unmodifiableList(models);
    }

    static List<ObjectModel> loadShipped(String file) {
        String path = "/models/" + file;
        try (InputStream in = ObjectModels.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("object model " + path + " is missing from the class path");
            }
            return ObjectLoader.loadDdfFile(in, path, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidDDFFileException | InvalidModelException e) {
            throw new IllegalStateException("object model " + path + " is invalid: " + e.getMessage(), e);
        }
    }
}
