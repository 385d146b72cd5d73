package io.dmflow.lwm2m.key;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mPath;

/**
 * Turns the keys operators write into LwM2M paths: {@code /3/0/0}, {@code 3/0/0} and {@code 3.0.0}, or
 * names such as {@code Device.0.Manufacturer} and {@code Firmware Update.0.State}. Object and resource
 * names may themselves contain dots and spaces, so names are matched against the object models rather
 * than split blindly.
 */
public final class KeyResolver {

    private static final Pattern NUMERIC = Pattern.compile("/?(\\d+)(?:[/.](\\d+))?(?:[/.](\\d+))?(?:[/.](\\d+))?/?");
    private static final Pattern INSTANCE_THEN_REST = Pattern.compile("\\.(\\d+)(?:\\.(.+))?");
    private static final Pattern TRAILING_INSTANCE = Pattern.compile("(.+)\\.(\\d+)");

    private final LwM2mModel model;
    private final List<ObjectModel> objectsByNameLength;

    public KeyResolver(LwM2mModel model) {
        this.model = model;
        this.objectsByNameLength = model.getObjectModels().stream()
                .sorted(Comparator.comparingInt((ObjectModel object) -> object.name.length())
                        .reversed())
                .toList();
    }

    public LwM2mPath resolve(String key) {
        if (key == null || key.isBlank()) {
            throw new UnknownKeyException(String.valueOf(key), "a key is required");
        }
        String trimmed = key.trim();
        Matcher numeric = NUMERIC.matcher(trimmed);
        if (numeric.matches()) {
            return numericPath(key, numeric);
        }
        return namedPath(key, trimmed);
    }

    private LwM2mPath numericPath(String key, Matcher numeric) {
        int objectId = Integer.parseInt(numeric.group(1));
        if (model.getObjectModel(objectId) == null) {
            throw new UnknownKeyException(key, "no object " + objectId + " is defined");
        }
        if (numeric.group(2) == null) {
            return new LwM2mPath(objectId);
        }
        int instanceId = Integer.parseInt(numeric.group(2));
        if (numeric.group(3) == null) {
            return new LwM2mPath(objectId, instanceId);
        }
        int resourceId = Integer.parseInt(numeric.group(3));
        if (model.getResourceModel(objectId, resourceId) == null) {
            throw new UnknownKeyException(key, "object " + objectId + " has no resource " + resourceId);
        }
        if (numeric.group(4) == null) {
            return new LwM2mPath(objectId, instanceId, resourceId);
        }
        return new LwM2mPath(objectId, instanceId, resourceId, Integer.parseInt(numeric.group(4)));
    }

    private LwM2mPath namedPath(String key, String text) {
        for (ObjectModel object : objectsByNameLength) {
            if (!startsWithIgnoreCase(text, object.name)) {
                continue;
            }
            String rest = text.substring(object.name.length());
            if (rest.isEmpty()) {
                return new LwM2mPath(object.id);
            }
            Matcher instance = INSTANCE_THEN_REST.matcher(rest);
            if (!instance.matches()) {
                continue;
            }
            int instanceId = Integer.parseInt(instance.group(1));
            if (instance.group(2) == null) {
                return new LwM2mPath(object.id, instanceId);
            }
            return resourcePath(key, object, instanceId, instance.group(2));
        }
        throw new UnknownKeyException(key, "it starts with no known object name or number");
    }

    private LwM2mPath resourcePath(String key, ObjectModel object, int instanceId, String resource) {
        Optional<ResourceModel> whole = findResource(object, resource);
        if (whole.isPresent()) {
            return new LwM2mPath(object.id, instanceId, whole.get().id);
        }
        Matcher withInstance = TRAILING_INSTANCE.matcher(resource);
        if (withInstance.matches()) {
            Optional<ResourceModel> multiple = findResource(object, withInstance.group(1));
            if (multiple.isPresent()) {
                return new LwM2mPath(object.id, instanceId, multiple.get().id, Integer.parseInt(withInstance.group(2)));
            }
        }
        throw new UnknownKeyException(key, "object '" + object.name + "' has no resource '" + resource + "'");
    }

    private static Optional<ResourceModel> findResource(ObjectModel object, String nameOrId) {
        if (nameOrId.chars().allMatch(Character::isDigit)) {
            return Optional.ofNullable(object.resources.get(Integer.parseInt(nameOrId)));
        }
        Optional<ResourceModel> exact = object.resources.values().stream()
                .filter(resource -> resource.name.equals(nameOrId))
                .findFirst();
        return exact.isPresent()
                ? exact
                : object.resources.values().stream()
                        .filter(resource -> resource.name.equalsIgnoreCase(nameOrId))
                        .findFirst();
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return !prefix.isEmpty()
                && text.regionMatches(true, 0, prefix, 0, prefix.length())
                && (text.length() == prefix.length() || text.charAt(prefix.length()) == '.');
    }
}
