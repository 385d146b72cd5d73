package io.dmflow.bpmn;

import io.dmflow.workers.job.DmflowJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The job types the workers module implements, each with the variables its worker fetches: every
 * {@link DmflowJob} class found beside {@code DmflowJob} itself, so that a new worker needs no list to be kept here.
 */
final class WorkerJobs {

    private static final String PACKAGE = "io/dmflow/workers/";

    private WorkerJobs() {}

    /** Job type to the input variables the worker reads. */
    static Map<String, List<String>> inputsByType() {
        Map<String, List<String>> jobs = new TreeMap<>();
        for (Class<? extends DmflowJob> type : jobClasses()) {
            DmflowJob job = instance(type);
            jobs.put(job.type(), job.inputs());
        }
        return jobs;
    }

    /**
     * A job with its collaborators left null: type() and inputs() answer constants, and the constructors only keep
     * their arguments, so no store or device is needed to ask them.
     */
    private static DmflowJob instance(Class<? extends DmflowJob> type) {
        Constructor<?> constructor = type.getConstructors()[0];
        try {
            return (DmflowJob) constructor.newInstance(new Object[constructor.getParameterCount()]);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot ask " + type.getName() + " for its job type", e);
        }
    }

    private static List<Class<? extends DmflowJob>> jobClasses() {
        Path location;
        try {
            location = Path.of(DmflowJob.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(location)) {
            return classesUnder(location);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return classesUnder(jar.getPath("/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Class<? extends DmflowJob>> classesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root.resolve(PACKAGE))) {
            return files.map(file -> root.relativize(file).toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> load(
                            name.substring(0, name.length() - ".class".length()).replace('/', '.')))
                    .filter(type -> DmflowJob.class.isAssignableFrom(type)
                            && !type.isInterface()
                            && !Modifier.isAbstract(type.getModifiers())
                            && Modifier.isPublic(type.getModifiers()))
                    .<Class<? extends DmflowJob>>map(type -> type.asSubclass(DmflowJob.class))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, WorkerJobs.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
