package io.dmflow.engine.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * Migrates the engine's own schema with its own history table, so it never meets the
 * application's migrations. The scripts are listed here rather than scanned: classpath scanning
 * depends on the class loader, and Quarkus' differs between tests, dev mode and the jar.
 */
public final class EngineSchema {
    public static final String SCHEMA = "engine";
    private static final String LOCATION = "db/engine";
    private static final List<String> SCRIPTS = List.of(
            "V1__engine_state.sql", "V2__message_start.sql", "V3__lookup_indexes.sql", "V4__multi_instance_input.sql");

    private EngineSchema() {}

    public static void migrate(DataSource dataSource) {
        ClassLoader loader = EngineSchema.class.getClassLoader();
        Flyway.configure(loader)
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .table("engine_schema_history")
                .locations(LOCATION)
                .resourceProvider(new ListedScripts(loader))
                .javaMigrationClassProvider(List::of)
                .skipDefaultCallbacks(true)
                .load()
                .migrate();
    }

    private record ListedScripts(ClassLoader loader) implements ResourceProvider {
        @Override
        public LoadableResource getResource(String name) {
            String file = name.contains("/") ? name.substring(name.lastIndexOf('/') + 1) : name;
            return SCRIPTS.contains(file) ? resource(file) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return SCRIPTS.stream()
                    .filter(s -> s.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(s::endsWith))
                    .map(this::resource)
                    .toList();
        }

        private LoadableResource resource(String file) {
            return new ClassPathResource(
                    new Location("classpath:" + LOCATION), LOCATION + "/" + file, loader, StandardCharsets.UTF_8);
        }
    }
}
