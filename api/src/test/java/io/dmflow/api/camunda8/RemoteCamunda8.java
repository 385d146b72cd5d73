package io.dmflow.api.camunda8;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** dmflow in remote engine mode against {@link Camunda8Cluster}: a test class takes it with @TestProfile. */
public class RemoteCamunda8 implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Camunda8Cluster.class));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
