package io.dmflow.lwm2m.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.leshan.core.model.InvalidDDFFileException;
import org.eclipse.leshan.core.model.InvalidModelException;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.StaticModel;

/**
 * The LwM2M object definitions dmflow knows: Leshan's OMA core objects, the DDF files shipped here
 * (Software Management 9 and IPSO objects such as Temperature 3303, which Leshan lacks), and any DDF
 * files an operator adds. Parse once and share: parsing per device is slow and costs heap.
 */
public final class ObjectModels {

    /** DDF files shipped under {@code /models/} in this jar. */
    static final List<String> SHIPPED_DDF = List.of("9.xml", "3303.xml");

    private static final ObjectModels BUNDLED = new ObjectModels(loadBundled());

    private final List<ObjectModel> objects;
    private final LwM2mModel model;

    private ObjectModels(List<ObjectModel> objects) {
        this.objects = List.copyOf(objects);
        this.model = new StaticModel(this.objects);
    }

    /** The core and shipped definitions. */
    public static ObjectModels bundled() {
        return BUNDLED;
    }

    /**
     * The bundled definitions plus every DDF file ({@code *.xml}) in {@code directory}; a file there
     * replaces a bundled definition of the same object id and version.
     */
    public static ObjectModels withDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("No folder of object models at " + directory.toAbsolutePath());
        }
        Map<String, ObjectModel> byIdAndVersion = new TreeMap<>();
        BUNDLED.objects.forEach(object -> byIdAndVersion.put(object.id + ":" + object.version, object));
        for (ObjectModel object : ObjectLoader.loadObjectsFromDir(directory.toFile(), true)) {
            byIdAndVersion.put(object.id + ":" + object.version, object);
        }
        return new ObjectModels(new ArrayList<>(byIdAndVersion.values()));
    }

    /** Every definition, all versions. */
    public List<ObjectModel> objects() {
        return objects;
    }

    /** One model over all definitions (the newest version of each object wins a lookup by id). */
    public LwM2mModel model() {
        return model;
    }

    private static List<ObjectModel> loadBundled() {
        List<ObjectModel> all = new ArrayList<>(ObjectLoader.loadDefault());
        for (String file : SHIPPED_DDF) {
            all.addAll(loadShipped(file));
        }
        return all;
    }

    static Collection<ObjectModel> loadShipped(String file) {
        String path = "/models/" + file;
        try (InputStream in = ObjectModels.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Object model " + path + " is missing from the class path");
            }
            return ObjectLoader.loadDdfFile(in, path, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidDDFFileException | InvalidModelException e) {
            throw new IllegalStateException("Object model " + path + " is invalid: " + e.getMessage(), e);
        }
    }
}
