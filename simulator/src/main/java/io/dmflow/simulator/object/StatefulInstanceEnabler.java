package io.dmflow.simulator.object;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mPath;

/**
 * An instance enabler whose state changes on timers and download threads as well as on server requests.
 * <p>
 * State lives under the instance's own lock; changes are recorded there with {@link #changed(int...)} and announced
 * later with {@link #publishChanges()}, outside the lock. Leshan handles a change while holding its object-enabler
 * lock, and holds that same lock while it calls {@code read}; announcing under our lock could deadlock the two.
 */
public abstract class StatefulInstanceEnabler extends BaseInstanceEnabler {

    private final Set<LwM2mPath> unpublished = new LinkedHashSet<>();

    protected StatefulInstanceEnabler() {}

    protected StatefulInstanceEnabler(int id) {
        super(id);
    }

    /**
     * The resources of {@code implemented} that {@code model} defines: a device announcing an older version of
     * its object exposes only the resources of that version.
     */
    protected static List<Integer> definedIn(ObjectModel model, List<Integer> implemented) {
        return implemented.stream().filter(model.resources::containsKey).toList();
    }

    /** Records changed resources; the caller holds this instance's lock. */
    protected void changed(int... resourceIds) {
        if (getModel() == null) {
            return; // not attached to a client yet: nobody can observe
        }
        for (int resourceId : resourceIds) {
            unpublished.add(getResourcePath(resourceId));
        }
    }

    /** Announces the recorded changes to observers; call without holding this instance's lock. */
    protected void publishChanges() {
        LwM2mPath[] paths;
        synchronized (this) {
            if (unpublished.isEmpty()) {
                return;
            }
            paths = unpublished.toArray(new LwM2mPath[0]);
            unpublished.clear();
        }
        fireResourcesChange(paths);
    }
}
