package io.dmflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes: the objects are well formed and fit together (selectors find the pods, ports are the
 * container's, envFrom names existing objects), the probes and the metrics scrape use dmflow's endpoints, LwM2M
 * has a UDP service with client affinity, and the committed Secret holds no secret.
 */
class KubernetesManifestsTest {

    private final List<JsonNode> objects = DeployFiles.manifests();

    @Test
    void everyObjectHasAKindAndAName() {
        assertThat(objects).hasSizeGreaterThanOrEqualTo(5);
        for (JsonNode object : objects) {
            assertThat(object.path("apiVersion").asText()).as(object.toString()).isNotBlank();
            assertThat(object.path("kind").asText()).as(object.toString()).isNotBlank();
            assertThat(object.path("metadata").path("name").asText())
                    .as(object.toString())
                    .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        }
    }

    @Test
    void theKustomizationListsFilesThatExist() {
        JsonNode kustomization = DeployFiles.documents(DeployFiles.kubernetes().resolve("kustomization.yaml"))
                .get(0);
        assertThat(kustomization.path("resources")).isNotEmpty();
        for (JsonNode resource : kustomization.path("resources")) {
            assertThat(DeployFiles.kubernetes().resolve(resource.asText())).exists();
        }
    }

    @Test
    void dmflowIsProbedOnItsHealthEndpoints() {
        List<JsonNode> containers = DmflowEnvironment.dmflowContainers();
        assertThat(containers).hasSize(1);
        JsonNode container = containers.get(0);
        Map<String, String> namedPorts = new HashMap<>();
        container
                .path("ports")
                .forEach(port -> namedPorts.put(
                        port.path("name").asText(), port.path("protocol").asText()));
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/q/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/q/health/ready");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            String port = container.path(probe).path("httpGet").path("port").asText();
            assertThat(namedPorts).as(probe + " port").containsEntry(port, "TCP");
        }
        JsonNode resources = container.path("resources");
        assertThat(resources.path("requests").has("cpu")).isTrue();
        assertThat(resources.path("requests").has("memory")).isTrue();
        assertThat(resources.path("limits").has("memory")).isTrue();
    }

    @Test
    void servicesSelectTheDmflowPodsAndTheirPorts() {
        JsonNode deployment = DeployFiles.manifest("StatefulSet", "dmflow");
        assertThat(DeployFiles.manifest(
                                "Service",
                                deployment.path("spec").path("serviceName").asText())
                        .path("spec")
                        .path("clusterIP")
                        .asText())
                .as("the StatefulSet's governing service is headless")
                .isEqualTo("None");
        JsonNode podLabels =
                deployment.path("spec").path("template").path("metadata").path("labels");
        deployment
                .path("spec")
                .path("selector")
                .path("matchLabels")
                .fields()
                .forEachRemaining(
                        label -> assertThat(podLabels.path(label.getKey()).asText())
                                .isEqualTo(label.getValue().asText()));
        Map<String, String> containerPorts = new HashMap<>();
        DmflowEnvironment.dmflowContainers()
                .get(0)
                .path("ports")
                .forEach(port -> containerPorts.put(
                        port.path("name").asText(), port.path("protocol").asText("TCP")));

        for (JsonNode service : DeployFiles.manifestsOfKind("Service")) {
            String name = service.path("metadata").path("name").asText();
            service.path("spec")
                    .path("selector")
                    .fields()
                    .forEachRemaining(
                            label -> assertThat(podLabels.path(label.getKey()).asText())
                                    .as(name + " selector " + label.getKey())
                                    .isEqualTo(label.getValue().asText()));
            for (JsonNode port : service.path("spec").path("ports")) {
                String target = port.path("targetPort").asText();
                assertThat(containerPorts)
                        .as(name + " targetPort " + target)
                        .containsEntry(target, port.path("protocol").asText("TCP"));
            }
        }
    }

    @Test
    void eachReplicaKeepsItsDtlsConnectionsOnAVolumeOfItsOwn() {
        JsonNode statefulSet = DeployFiles.manifest("StatefulSet", "dmflow").path("spec");
        List<String> claims = new ArrayList<>();
        statefulSet
                .path("volumeClaimTemplates")
                .forEach(claim -> claims.add(claim.path("metadata").path("name").asText()));
        JsonNode container = DmflowEnvironment.dmflowContainers().get(0);
        String file = DeployFiles.manifest("ConfigMap", "dmflow-config")
                .path("data")
                .path("DMFLOW_LWM2M_DTLS_CONNECTIONS_FILE")
                .asText();
        boolean onAClaim = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (claims.contains(mount.path("name").asText())
                    && file.startsWith(mount.path("mountPath").asText() + "/")) {
                onAClaim = true;
            }
        }
        assertThat(onAClaim)
                .as(file + " lies on a volume claim template's mount")
                .isTrue();
    }

    @Test
    void lwm2mHasAUdpServiceWithClientAffinity() {
        JsonNode lwm2m = DeployFiles.manifest("Service", "dmflow-lwm2m").path("spec");
        List<String> udp = new ArrayList<>();
        lwm2m.path("ports").forEach(port -> {
            if (port.path("protocol").asText().equals("UDP")) {
                udp.add(port.path("port").asText());
            }
        });
        assertThat(udp).contains("5683", "5684");
        assertThat(lwm2m.path("sessionAffinity").asText()).isEqualTo("ClientIP");
        assertThat(lwm2m.path("externalTrafficPolicy").asText())
                .as("the device's own address must reach the pod for the affinity to hold")
                .isEqualTo("Local");
        assertThat(lwm2m.path("sessionAffinityConfig")
                        .path("clientIP")
                        .path("timeoutSeconds")
                        .asInt())
                .isBetween(1, 86400);
        JsonNode http = DeployFiles.manifest("Service", "dmflow").path("spec");
        assertThat(http.path("ports").get(0).path("port").asInt()).isEqualTo(8080);
    }

    @Test
    void dmflowTakesItsConfigurationAndCredentialsFromAConfigMapAndASecret() {
        JsonNode container = DmflowEnvironment.dmflowContainers().get(0);
        List<String> from = new ArrayList<>();
        container.path("envFrom").forEach(source -> {
            if (source.has("configMapRef")) {
                from.add("ConfigMap " + source.path("configMapRef").path("name").asText());
            }
            if (source.has("secretRef")) {
                from.add("Secret " + source.path("secretRef").path("name").asText());
            }
        });
        assertThat(from).contains("ConfigMap dmflow-config", "Secret dmflow-credentials");
        assertThat(DeployFiles.manifest("ConfigMap", "dmflow-config")
                        .path("data")
                        .path("DMFLOW_ENGINE_MODE")
                        .asText())
                .isEqualTo("remote");
    }

    @Test
    void theCommittedSecretHoldsPlaceholdersOnly() {
        for (JsonNode secret : DeployFiles.manifestsOfKind("Secret")) {
            assertThat(secret.has("data"))
                    .as("base64 data would hide what is committed")
                    .isFalse();
            secret.path("stringData")
                    .fields()
                    .forEachRemaining(entry -> assertThat(entry.getValue().asText())
                            .as(entry.getKey())
                            .isEqualTo("CHANGE-ME"));
        }
    }

    @Test
    void prometheusScrapesMetricsWithAViewerToken() {
        JsonNode monitor = DeployFiles.manifest("ServiceMonitor", "dmflow");
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        assertThat(endpoint.path("authorization").path("type").asText()).isEqualTo("Bearer");
        JsonNode http = DeployFiles.manifest("Service", "dmflow");
        monitor.path("spec")
                .path("selector")
                .path("matchLabels")
                .fields()
                .forEachRemaining(label -> assertThat(http.path("metadata")
                                .path("labels")
                                .path(label.getKey())
                                .asText())
                        .isEqualTo(label.getValue().asText()));
        List<String> portNames = new ArrayList<>();
        http.path("spec")
                .path("ports")
                .forEach(port -> portNames.add(port.path("name").asText()));
        assertThat(portNames).contains(endpoint.path("port").asText());
    }
}
