package io.dmflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings dmflow declares, read from the application on the classpath: its {@code @ConfigMapping} interfaces
 * (through SmallRye Config's own view of them), its {@code @ConfigProperty} injection points, the keys of its
 * application.properties, the Quarkus extensions' configuration models (with the phase of each setting), and the
 * environment variables of the Camunda client it embeds.
 */
final class DeclaredSettings {

    /** What an environment variable turned out to set. */
    record Match(String setting, String source, boolean runtime) {}

    private static final String QUARKUS_MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";
    private static final String CAMUNDA_CLIENT_VARIABLES = "io.camunda.client.impl.CamundaClientEnvironmentVariables";

    private final Map<Pattern, Match> patterns = new LinkedHashMap<>();
    private final Map<String, Match> exact = new LinkedHashMap<>();

    static DeclaredSettings ofTheApplication() {
        DeclaredSettings settings = new DeclaredSettings();
        List<Class<?>> classes = dmflowClassesMentioning(
                "Lio/smallrye/config/ConfigMapping;", "Lorg/eclipse/microprofile/config/inject/ConfigProperty;");
        for (Class<?> type : classes) {
            if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(type))
                        .keySet()
                        .forEach(name -> settings.add(name, "@ConfigMapping " + type.getName(), true));
            }
            for (String name : configPropertyNames(type)) {
                settings.add(name, "@ConfigProperty in " + type.getName(), true);
            }
        }
        settings.addApplicationProperties();
        settings.addQuarkusModels();
        settings.addCamundaClientVariables();
        return settings;
    }

    int size() {
        return exact.size() + patterns.size();
    }

    /** The setting an environment variable sets, as SmallRye Config maps it (DMFLOW_FOO_BAR is dmflow.foo-bar). */
    Optional<Match> setBy(String variable) {
        Match match = exact.get(variable);
        if (match != null) {
            return Optional.of(match);
        }
        return patterns.entrySet().stream()
                .filter(entry -> entry.getKey().matcher(variable).matches())
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private void add(String property, String source, boolean runtime) {
        Match match = new Match(property, source, runtime);
        if (property.contains("*") || property.contains("\"")) {
            patterns.putIfAbsent(pattern(property), match);
        } else {
            Match previous = exact.putIfAbsent(environmentName(property), match);
            if (previous != null && previous.runtime() && !runtime) {
                exact.put(environmentName(property), match); // a build-time Quarkus setting stays build-time
            }
        }
    }

    /** SmallRye Config's rule: every character that is not a letter or a digit becomes '_', then upper case. */
    static String environmentName(String property) {
        StringBuilder name = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    /** A name with map keys ({@code *}, or a quoted placeholder in Quarkus' models) matches any key there. */
    private static Pattern pattern(String property) {
        StringBuilder regex = new StringBuilder();
        String[] parts = property.split("(\\*|\"[^\"]*\")", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(environmentName(parts[i])));
        }
        return Pattern.compile(regex.toString());
    }

    private void addApplicationProperties() {
        for (URL url : resources("application.properties")) {
            if (!url.toString().contains("dmflow")) {
                continue; // only the application's own
            }
            Properties properties = new Properties();
            try (InputStream in = url.openStream()) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String key : properties.stringPropertyNames()) {
                String name = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
                if (name.startsWith("dmflow.")) {
                    add(name, "application.properties", true);
                }
            }
        }
    }

    private void addQuarkusModels() {
        List<URL> models = resources(QUARKUS_MODEL);
        if (models.isEmpty()) {
            throw new IllegalStateException("no Quarkus configuration model on the classpath (" + QUARKUS_MODEL + ")");
        }
        for (URL url : models) {
            try (InputStream in = url.openStream()) {
                for (JsonNode root : DeployFiles.JSON.readTree(in).path("configRoots")) {
                    addQuarkusItems(
                            root.path("items"),
                            root.path("extension").path("artifactId").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(url + ": " + e.getMessage(), e);
            }
        }
    }

    private void addQuarkusItems(JsonNode items, String extension) {
        for (JsonNode item : items) {
            if (item.has("items")) {
                addQuarkusItems(item.path("items"), extension);
                continue;
            }
            boolean runtime = "RUN_TIME".equals(item.path("phase").asText());
            String source = extension + " (" + item.path("phase").asText() + ")";
            add(item.path("path").path("property").asText(), source, runtime);
            for (JsonNode path : item.path("additionalPaths")) {
                add(path.path("property").asText(), source, runtime);
            }
        }
    }

    private void addCamundaClientVariables() {
        try {
            Class<?> variables = Class.forName(CAMUNDA_CLIENT_VARIABLES);
            for (Field field : variables.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    String name = (String) field.get(null);
                    exact.putIfAbsent(
                            name, new Match(name, "the Camunda client (" + variables.getSimpleName() + ")", true));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Camunda client's environment variables moved: " + e, e);
        }
    }

    private static List<String> configPropertyNames(Class<?> type) {
        List<AnnotatedElement> elements = new ArrayList<>(List.of(type.getDeclaredFields()));
        List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
        executables.addAll(List.of(type.getDeclaredMethods()));
        for (Executable executable : executables) {
            elements.add(executable);
            elements.addAll(List.of(executable.getParameters()));
        }
        List<String> names = new ArrayList<>();
        for (AnnotatedElement element : elements) {
            ConfigProperty property = element.getAnnotation(ConfigProperty.class);
            if (property != null && !property.name().isEmpty()) {
                names.add(property.name());
            }
        }
        return names;
    }

    /** dmflow's classes whose class file names one of the annotations, loaded without running them. */
    private static List<Class<?>> dmflowClassesMentioning(String... descriptors) {
        List<Class<?>> classes = new ArrayList<>();
        for (URL root : resources("io/dmflow")) {
            for (String name : classNames(root)) {
                byte[] bytes = bytes(name);
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                if (Stream.of(descriptors).anyMatch(text::contains)) {
                    try {
                        classes.add(Class.forName(
                                name.replace('/', '.').replaceAll("\\.class$", ""),
                                false,
                                DeclaredSettings.class.getClassLoader()));
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return classes;
    }

    /** Class file paths (io/dmflow/...) under a classpath root's io/dmflow folder, in a folder or a jar. */
    private static List<String> classNames(URL root) {
        try {
            if (root.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    return Collections.list(jar.entries()).stream()
                            .map(entry -> entry.getName())
                            .filter(name -> name.startsWith("io/dmflow/") && name.endsWith(".class"))
                            .toList();
                }
            }
            Path folder = Path.of(root.toURI());
            Path base = folder.getParent().getParent();
            try (Stream<Path> files = Files.walk(folder)) {
                return files.filter(file -> file.toString().endsWith(".class"))
                        .map(file -> base.relativize(file).toString().replace('\\', '/'))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String name) {
        try (InputStream in = DeclaredSettings.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<URL> resources(String name) {
        try {
            return Collections.list(DeclaredSettings.class.getClassLoader().getResources(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For messages: a few declared names near the one asked for. */
    List<String> near(String variable) {
        String prefix = variable.length() > 12 ? variable.substring(0, 12) : variable;
        TreeSet<String> near = new TreeSet<>();
        exact.keySet().stream().filter(name -> name.startsWith(prefix)).limit(8).forEach(near::add);
        return List.copyOf(near);
    }
}
