package io.dmflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The environment variables the compose file and the manifests give dmflow, each with where it is set. */
final class DmflowEnvironment {

    private DmflowEnvironment() {}

    /** Variable name to the file and place that sets it. */
    static Map<String, String> ofCompose() {
        JsonNode environment =
                DeployFiles.composeFile().path("services").path("dmflow").path("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment.isArray()) { // the list form: NAME=value
            for (JsonNode entry : environment) {
                variables.put(entry.asText().split("=", 2)[0], "compose.yaml services.dmflow.environment");
            }
        } else {
            environment
                    .fieldNames()
                    .forEachRemaining(name -> variables.put(name, "compose.yaml services.dmflow.environment"));
        }
        return variables;
    }

    /**
     * Of every container named dmflow in a Deployment or StatefulSet: env names, and the keys of the ConfigMaps and
     * Secrets it takes whole with envFrom.
     */
    static Map<String, String> ofManifests() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (JsonNode container : dmflowContainers()) {
            for (JsonNode entry : container.path("env")) {
                variables.put(entry.path("name").asText(), "container env");
            }
            for (JsonNode from : container.path("envFrom")) {
                String prefix = from.path("prefix").asText("");
                if (from.has("configMapRef")) {
                    String name = from.path("configMapRef").path("name").asText();
                    keys(DeployFiles.manifest("ConfigMap", name).path("data"))
                            .forEach(key -> variables.put(prefix + key, "ConfigMap " + name));
                }
                if (from.has("secretRef")) {
                    String name = from.path("secretRef").path("name").asText();
                    JsonNode secret = DeployFiles.manifest("Secret", name);
                    keys(secret.path("stringData")).forEach(key -> variables.put(prefix + key, "Secret " + name));
                    keys(secret.path("data")).forEach(key -> variables.put(prefix + key, "Secret " + name));
                }
            }
        }
        return variables;
    }

    static List<JsonNode> dmflowContainers() {
        List<JsonNode> containers = new ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet")) {
            for (JsonNode workload : DeployFiles.manifestsOfKind(kind)) {
                for (JsonNode container :
                        workload.path("spec").path("template").path("spec").path("containers")) {
                    if ("dmflow".equals(container.path("name").asText())) {
                        containers.add(container);
                    }
                }
            }
        }
        return containers;
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        Iterator<String> names = object.fieldNames();
        names.forEachRemaining(keys::add);
        return keys;
    }
}
