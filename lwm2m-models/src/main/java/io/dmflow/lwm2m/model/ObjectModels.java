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
import org.eclipse.leshan.core.LwM2m.Version;
import org.eclipse.leshan.core.model.InvalidDDFFileException;
import org.eclipse.leshan.core.model.InvalidModelException;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.StaticModel;

/**
 * The LwM2M object definitions dmflow knows: every version of Leshan's OMA core objects, the DDF files
 * shipped here (Software Management 9 and IPSO objects such as Temperature 3303 in its versions, which
 * Leshan lacks), and any DDF files an operator adds. All versions are kept because a device announces
 * the version it implements (LwM2M 1.1 devices that announce none get the core defaults of 1.1: Device
 * 1.1, Connectivity Monitoring 1.2, Firmware Update 1.0), and its payloads decode only against that one.
 * Parse once and share: parsing per device is slow and costs heap.
 */
public final class ObjectModels {

    /** DDF files shipped under {@code /models/} in this jar. */
    static final List<String> SHIPPED_DDF = List.of("9.xml", "3303-1_0.xml", "3303.xml");

    private static final ObjectModels BUNDLED = new ObjectModels(loadBundled());

    private final List<ObjectModel> objects;
    private final LwM2mModel model;

    private ObjectModels(List<ObjectModel> objects) {
        this.objects = List.copyOf(objects);
        this.model = new StaticModel(newestOfEach(this.objects).values());
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

    /** One model over the newest version of each object, for what is not tied to one device's versions. */
    public LwM2mModel model() {
        return model;
    }

    /**
     * The newest version of each object, except the objects named in {@code versions} (object id to
     * version, e.g. {@code 5 -> "1.0"}), which come in exactly that version: the model of a device that
     * implements older versions.
     *
     * @throws IllegalArgumentException if a named version is not known
     */
    public LwM2mModel model(Map<Integer, String> versions) {
        Map<Integer, ObjectModel> chosen = newestOfEach(objects);
        versions.forEach((objectId, version) -> chosen.put(
                objectId,
                objects.stream()
                        .filter(object -> object.id.equals(objectId) && object.version.equals(version))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("No definition of object " + objectId
                                + " version " + version + "; known: " + versionsOf(objectId)))));
        return new StaticModel(chosen.values());
    }

    private List<String> versionsOf(int objectId) {
        return objects.stream()
                .filter(object -> object.id == objectId)
                .map(object -> object.version)
                .toList();
    }

    private static Map<Integer, ObjectModel> newestOfEach(List<ObjectModel> objects) {
        Map<Integer, ObjectModel> newest = new TreeMap<>();
        for (ObjectModel object : objects) {
            newest.merge(object.id, object, (a, b) -> new Version(a.version).newerThan(new Version(b.version)) ? a : b);
        }
        return newest;
    }

    private static List<ObjectModel> loadBundled() {
        List<ObjectModel> all = new ArrayList<>(ObjectLoader.loadAllDefault());
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
