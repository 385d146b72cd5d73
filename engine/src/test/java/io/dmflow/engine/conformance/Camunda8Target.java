package io.dmflow.engine.conformance;

import java.net.URI;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Camunda 8 (single container) for running the suite against the reference engine:
 * {@code -Ddmflow.conformance.target=camunda8}. Needs a Docker engine.
 */
final class Camunda8Target {
    private static GenericContainer<?> camunda;

    private Camunda8Target() {}

    static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean requested() {
        return "camunda8".equals(System.getProperty("dmflow.conformance.target"));
    }

    static synchronized URI restAddress() {
        if (camunda == null) {
            camunda = new GenericContainer<>(DockerImageName.parse("camunda/camunda:8.9.0"))
                    .withExposedPorts(8080, 26500)
                    .withEnv("CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI", "true")
                    .withEnv("ZEEBE_CLOCK_CONTROLLED", "true")
                    .waitingFor(Wait.forHttp("/v2/topology").forPort(8080).forStatusCode(200))
                    .withStartupTimeout(Duration.ofMinutes(5));
            camunda.start();
        }
        return URI.create("http://" + camunda.getHost() + ":" + camunda.getMappedPort(8080));
    }
}
