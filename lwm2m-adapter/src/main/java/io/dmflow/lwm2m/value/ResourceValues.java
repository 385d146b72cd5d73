package io.dmflow.lwm2m.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.util.datatype.ULong;

/**
 * Turns plain values (what operators and process variables hold) into typed LwM2M resources, by the
 * resource's definition: {@code "42"} becomes an integer for an integer resource, {@code 1} a boolean
 * true for a boolean one. A value that does not fit the type is a {@link ValueException} saying which.
 */
public final class ResourceValues {

    private ResourceValues() {}

    /** A single or multiple resource; a multiple resource takes a map (instance id to value) or a list. */
    public static LwM2mResource resource(ResourceModel model, Object value) {
        if (model.multiple) {
            Map<Integer, Object> instances = new LinkedHashMap<>();
            if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    instances.put(instanceId(model, entry.getKey()), typed(model, entry.getValue()));
                }
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    instances.put(i, typed(model, list.get(i)));
                }
            } else {
                instances.put(0, typed(model, value));
            }
            return LwM2mMultipleResource.newResource(model.id, instances, model.type);
        }
        return LwM2mSingleResource.newResource(model.id, typed(model, value), model.type);
    }

    /** The value of one resource (or resource instance) in the Java type Leshan encodes for {@code model}. */
    public static Object typed(ResourceModel model, Object value) {
        if (value == null) {
            throw new ValueException(model, null, "a value is required");
        }
        Type type = model.type == null ? Type.STRING : model.type;
        try {
            return switch (type) {
                case STRING, NONE -> text(value);
                case INTEGER -> integer(model, value);
                case UNSIGNED_INTEGER -> unsigned(model, value);
                case FLOAT -> decimal(model, value);
                case BOOLEAN -> bool(model, value);
                case TIME -> time(model, value);
                case OPAQUE -> opaque(model, value);
                case OBJLNK -> objectLink(model, value);
                case CORELINK -> throw new ValueException(model, value, "core-link resources cannot be written");
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ValueException(
                    model, value, "expected " + type.name().toLowerCase().replace('_', ' '));
        }
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes
                ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value.toString();
    }

    private static long integer(ResourceModel model, Object value) {
        if (value instanceof Number number) {
            BigDecimal exact = new BigDecimal(number.toString());
            return exact.longValueExact();
        }
        if (value instanceof Boolean) {
            throw new ValueException(model, value, "expected integer");
        }
        return new BigDecimal(value.toString().trim()).longValueExact();
    }

    private static ULong unsigned(ResourceModel model, Object value) {
        BigInteger big = value instanceof Number number
                ? new BigDecimal(number.toString()).toBigIntegerExact()
                : new BigDecimal(value.toString().trim()).toBigIntegerExact();
        if (big.signum() < 0 || big.bitLength() > 64) {
            throw new ValueException(model, value, "expected unsigned integer");
        }
        return ULong.valueOf(big);
    }

    private static double decimal(ResourceModel model, Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Boolean) {
            throw new ValueException(model, value, "expected float");
        }
        return Double.parseDouble(value.toString().trim());
    }

    private static boolean bool(ResourceModel model, Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        String text = value.toString().trim().toLowerCase();
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new ValueException(model, value, "expected boolean (true, false, 1, 0)");
        };
    }

    private static Date time(ResourceModel model, Object value) {
        if (value instanceof Date date) {
            return date;
        }
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof Number number) {
            return new Date(number.longValue() * 1000);
        }
        String text = value.toString().trim();
        try {
            return Date.from(Instant.parse(text));
        } catch (DateTimeParseException notIso) {
            try {
                return new Date(Long.parseLong(text) * 1000);
            } catch (NumberFormatException notSeconds) {
                throw new ValueException(model, value, "expected time (ISO-8601 or seconds since the epoch)");
            }
        }
    }

    private static byte[] opaque(ResourceModel model, Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        String text = value.toString().trim();
        if (text.startsWith("0x") || text.startsWith("0X")) {
            try {
                return HexFormat.of().parseHex(text.substring(2));
            } catch (IllegalArgumentException e) {
                throw new ValueException(model, value, "expected opaque as 0x-prefixed hex or Base64");
            }
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ValueException(model, value, "expected opaque as 0x-prefixed hex or Base64");
        }
    }

    private static ObjectLink objectLink(ResourceModel model, Object value) {
        if (value instanceof ObjectLink link) {
            return link;
        }
        String[] parts = value.toString().trim().split("[:/]");
        List<String> ids = new ArrayList<>();
        for (String part : parts) {
            if (!part.isEmpty()) {
                ids.add(part);
            }
        }
        if (ids.size() != 2) {
            throw new ValueException(model, value, "expected object link as objectId:instanceId");
        }
        return new ObjectLink(Integer.parseInt(ids.get(0)), Integer.parseInt(ids.get(1)));
    }

    private static int instanceId(ResourceModel model, Object key) {
        try {
            return Integer.parseInt(key.toString().trim());
        } catch (NumberFormatException e) {
            throw new ValueException(model, key, "resource instance ids are numbers");
        }
    }
}
