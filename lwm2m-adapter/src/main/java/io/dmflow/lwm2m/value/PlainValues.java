package io.dmflow.lwm2m.value;

import java.math.BigInteger;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.util.datatype.ULong;

/**
 * Device data as plain JSON-friendly values, the form process variables and REST bodies carry: a
 * resource is its value (string, long, double, boolean; time as ISO-8601; opaque as Base64; object
 * link as {@code "3:0"}), a multiple resource a map from instance id to value, an object instance a map
 * from resource id to value, an object a map from instance id to instance.
 */
public final class PlainValues {

    private PlainValues() {}

    public static Object of(LwM2mNode node) {
        if (node instanceof LwM2mSingleResource single) {
            return value(single.getValue());
        }
        if (node instanceof LwM2mMultipleResource multiple) {
            Map<String, Object> instances = new LinkedHashMap<>();
            multiple.getInstances().forEach((id, instance) -> instances.put(id.toString(), value(instance.getValue())));
            return instances;
        }
        if (node instanceof LwM2mResourceInstance instance) {
            return value(instance.getValue());
        }
        if (node instanceof LwM2mObjectInstance instance) {
            Map<String, Object> resources = new LinkedHashMap<>();
            for (LwM2mResource resource : instance.getResources().values()) {
                resources.put(Integer.toString(resource.getId()), of(resource));
            }
            return resources;
        }
        if (node instanceof LwM2mObject object) {
            Map<String, Object> instances = new LinkedHashMap<>();
            object.getInstances().forEach((id, instance) -> instances.put(id.toString(), of(instance)));
            return instances;
        }
        throw new IllegalArgumentException(
                "No plain form for " + node.getClass().getSimpleName());
    }

    static Object value(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof ObjectLink link) {
            return link.getObjectId() + ":" + link.getObjectInstanceId();
        }
        if (value instanceof ULong unsigned) {
            BigInteger big = unsigned.toBigInteger();
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof Link[] links) {
            StringBuilder text = new StringBuilder();
            for (Link link : links) {
                if (text.length() > 0) {
                    text.append(',');
                }
                text.append(link.toCoreLinkFormat());
            }
            return text.toString();
        }
        return value;
    }
}
