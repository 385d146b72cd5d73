package io.dmflow.simulator.testing;

import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;

/** Short reads of single resources through the test server. */
public final class Reads {

    private final TestLwM2mServer server;

    public Reads(TestLwM2mServer server) {
        this.server = server;
    }

    public Object value(String endpoint, int objectId, int instanceId, int resourceId) throws InterruptedException {
        ReadResponse response = server.send(endpoint, new ReadRequest(objectId, instanceId, resourceId));
        if (response == null || !response.isSuccess()) {
            throw new AssertionError("read /" + objectId + "/" + instanceId + "/" + resourceId + " of " + endpoint
                    + " failed: " + response);
        }
        return ((LwM2mSingleResource) response.getContent()).getValue();
    }

    public long integer(String endpoint, int objectId, int instanceId, int resourceId) throws InterruptedException {
        return ((Number) value(endpoint, objectId, instanceId, resourceId)).longValue();
    }
}
