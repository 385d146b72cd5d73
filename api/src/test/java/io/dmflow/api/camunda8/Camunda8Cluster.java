package io.dmflow.api.camunda8;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Camunda 8 orchestration cluster in one container (Testcontainers), and dmflow in remote engine mode
 * pointed at it. The image is the Camunda version the client is built with (the camunda8 profile passes it).
 */
public class Camunda8Cluster implements QuarkusTestResourceLifecycleManager {

    static final String IMAGE_PROPERTY = "dmflow.camunda8.image";
    private static final int REST = 8080;
    private static final int GRPC = 26500;
    private static final int MANAGEMENT = 9600;

    private GenericContainer<?> camunda;

    @Override
    public Map<String, String> start() {
        camunda = new GenericContainer<>(
                        DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, "camunda/camunda:8.9.0")))
                .withExposedPorts(REST, GRPC, MANAGEMENT)
                // an open API, as in the engine's conformance run: the test is of dmflow's flows, not of sign-in
                .withEnv("CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI", "true")
                .waitingFor(Wait.forHttp("/actuator/health/readiness")
                        .forPort(MANAGEMENT)
                        .forStatusCode(200))
                .withStartupTimeout(Duration.ofMinutes(5));
        camunda.start();
        String host = camunda.getHost();
        return Map.of(
                "dmflow.engine.mode", "remote",
                "dmflow.camunda.rest-address", "http://" + host + ":" + camunda.getMappedPort(REST),
                "dmflow.camunda.grpc-address", "http://" + host + ":" + camunda.getMappedPort(GRPC));
    }

    @Override
    public void stop() {
        if (camunda != null) {
            camunda.stop();
        }
    }
}
