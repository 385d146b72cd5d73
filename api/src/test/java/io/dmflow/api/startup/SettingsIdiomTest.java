package io.dmflow.api.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one idiom of dmflow's settings interfaces ({@code @ConfigMapping} in api): every setting has its default in
 * {@code @WithDefault} or is optional, application.properties repeats no default (only test-profile overrides), and
 * every setting is documented.
 */
class SettingsIdiomTest {

    private static final Path CLASSES = Path.of("target/classes");

    /** One setting: its full name and whether the interface gives it a default. */
    record Setting(String name, boolean hasDefault, boolean optional, String declaredBy) {}

    @Test
    void everySettingHasOneDefaultOrIsOptional() {
        assertThat(mappings()).as("the settings interfaces found").hasSizeGreaterThanOrEqualTo(6);
        assertThat(settings())
                .allSatisfy(setting -> assertThat(setting.hasDefault() || setting.optional())
                        .as(setting.name() + " (" + setting.declaredBy() + ") needs @WithDefault or an Optional type")
                        .isTrue());
    }

    @Test
    void applicationPropertiesRepeatsNoDefault() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Setting setting : settings()) {
            assertThat(properties.getProperty(setting.name()))
                    .as(setting.name() + " has its default in " + setting.declaredBy()
                            + "; application.properties may only override it for a profile (%test.)")
                    .isNull();
        }
    }

    @Test
    void everySettingIsDocumented() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
                lines.addAll(Files.readAllLines(doc));
            }
        }
        for (Setting setting : settings()) {
            String prefix = setting.name().substring(0, setting.name().lastIndexOf('.'));
            String last = setting.name().substring(prefix.length());
            // The README's tables name a setting in full, or after its neighbour as `.name`.
            assertThat(lines)
                    .as(setting.name() + " (" + setting.declaredBy() + ") is documented in README.md or docs/")
                    .anyMatch(line -> line.contains(setting.name())
                            || (line.contains(prefix + ".") && line.contains("`" + last + "`")));
        }
    }

    private static List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        for (Class<?> mapping : mappings()) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            collect(mapping, prefix, mapping.getSimpleName(), settings);
        }
        return settings;
    }

    private static void collect(Class<?> group, String prefix, String declaredBy, List<Setting> settings) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String name = prefix + "." + name(method);
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getPackageName().startsWith("io.dmflow")) {
                collect(type, name, declaredBy, settings);
                continue;
            }
            boolean optional = type == Optional.class
                    || type == OptionalInt.class
                    || type == OptionalLong.class
                    || type == OptionalDouble.class;
            settings.add(new Setting(name, method.isAnnotationPresent(WithDefault.class), optional, declaredBy));
        }
    }

    /** SmallRye's default naming: the method's name in kebab case, unless {@code @WithName} says otherwise. */
    private static String name(Method method) {
        WithName named = method.getAnnotation(WithName.class);
        return named != null
                ? named.value()
                : method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Class<?>> mappings() {
        try (Stream<Path> files = Files.walk(CLASSES.resolve("io/dmflow/api"))) {
            List<Class<?>> mappings = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.contains("$")) {
                    continue;
                }
                Class<?> type;
                try {
                    type = Class.forName(name, false, SettingsIdiomTest.class.getClassLoader());
                } catch (LinkageError e) {
                    // A class whose optional dependency is not on the test class path; no settings interface is one.
                    continue;
                }
                if (type.isAnnotationPresent(ConfigMapping.class)) {
                    mappings.add(type);
                }
            }
            return mappings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
