package io.dmflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the compose file and the Kubernetes manifests set for dmflow is a setting dmflow
 * or Quarkus declares, and one that can be set when the application starts: a renamed setting, or a typo, breaks the
 * build instead of being ignored by a running dmflow.
 */
class DmflowEnvironmentTest {

    private static DeclaredSettings settings;

    @BeforeAll
    static void readTheApplication() {
        settings = DeclaredSettings.ofTheApplication();
    }

    @Test
    void theSettingsAreReadFromTheApplication() {
        // SmallRye's mapping, through a @WithName group, a nested interface, an application.properties key,
        // a Quarkus run-time setting and a Quarkus map with a named key
        assertThat(settings.setBy("DMFLOW_LWM2M_COAP_PORT"))
                .hasValueSatisfying(match -> assertThat(match.setting()).isEqualTo("dmflow.lwm2m.coap.port"));
        assertThat(settings.setBy("DMFLOW_LWM2M_DELIVERY_PUBLIC_URL_BASE_HTTP"))
                .hasValueSatisfying(
                        match -> assertThat(match.setting()).isEqualTo("dmflow.lwm2m.delivery.public-url-base-http"));
        assertThat(settings.setBy("DMFLOW_ENGINE_MODE")).isPresent();
        assertThat(settings.setBy("DMFLOW_HTTP_MAX_BODY_BYTES")).isPresent();
        assertThat(settings.setBy("QUARKUS_DATASOURCE_JDBC_URL"))
                .hasValueSatisfying(match -> assertThat(match.runtime()).isTrue());
        assertThat(settings.setBy("QUARKUS_DATASOURCE_REPORTS_JDBC_URL")).isPresent();
        // and what is not a setting, or only one of the build
        assertThat(settings.setBy("DMFLOW_LWM2M_COAP_PROT")).isEmpty();
        assertThat(settings.setBy("DMFLOW_CAMUNDA_ADDRESS")).isEmpty();
        assertThat(settings.setBy("QUARKUS_DATASOURCE_DB_KIND"))
                .hasValueSatisfying(match -> assertThat(match.runtime()).isFalse());
    }

    @Test
    void composeSetsOnlySettingsDmflowHas() {
        assertThat(problems(DmflowEnvironment.ofCompose())).isEmpty();
    }

    @Test
    void theManifestsSetOnlySettingsDmflowHas() {
        Map<String, String> variables = DmflowEnvironment.ofManifests();
        assertThat(variables).containsKeys("DMFLOW_ENGINE_MODE", "DMFLOW_SECRETS_KEY", "QUARKUS_DATASOURCE_PASSWORD");
        assertThat(problems(variables)).isEmpty();
    }

    private static List<String> problems(Map<String, String> variables) {
        List<String> problems = new ArrayList<>();
        Map<String, String> checked = new LinkedHashMap<>(variables);
        checked.forEach((variable, where) -> {
            var match = settings.setBy(variable);
            if (match.isEmpty()) {
                problems.add(variable + " (" + where
                        + ") is no setting of dmflow, Quarkus or the Camunda client; near: " + settings.near(variable));
            } else if (!match.get().runtime()) {
                problems.add(variable + " (" + where + ") sets " + match.get().setting()
                        + ", fixed when the application is built ("
                        + match.get().source() + ")");
            }
        });
        return problems;
    }
}
