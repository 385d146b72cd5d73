package io.dmflow.api.task;

import io.dmflow.api.camunda8.RemoteCamunda8;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link TaskFlowTest}'s scenarios with the flows on a real Camunda 8 (dmflow in remote engine mode): the template
 * deployed to the cluster, the executions started there, the job workers taking the device steps from it. Only with
 * the profile camunda8 ({@code ./mvnw -pl api verify -Pcamunda8 -Dtest=TaskFlowOnCamunda8Test ...}) and where a
 * Docker engine is reachable; skipped otherwise.
 */
@QuarkusTest
@TestProfile(RemoteCamunda8.class)
@Testcontainers(disabledWithoutDocker = true)
@EnabledIfSystemProperty(named = "dmflow.engine.target", matches = "camunda8")
class TaskFlowOnCamunda8Test extends TaskFlowTest {}
