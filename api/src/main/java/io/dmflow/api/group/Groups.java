package io.dmflow.api.group;

import io.dmflow.api.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Groups and memberships: which devices a group holds, and which groups hold a device. */
@ApplicationScoped
public class Groups {

    /** Creates the group and any missing ancestor; answers whether the group itself was new. */
    @Transactional
    public boolean create(GroupPath path) {
        boolean created = false;
        for (String lineage : path.lineage()) {
            if (DeviceGroup.findById(lineage) == null) {
                DeviceGroup group = new DeviceGroup();
                group.path = lineage;
                group.parentPath = new GroupPath(lineage).parent();
                group.createdAt = Instant.now();
                group.persist();
                created = lineage.equals(path.value());
            }
        }
        return created;
    }

    public DeviceGroup require(GroupPath path) {
        DeviceGroup group = DeviceGroup.findById(path.value());
        if (group == null) {
            throw ProblemException.notFound("Unknown group", "There is no group " + path);
        }
        return group;
    }

    public List<String> children(GroupPath path) {
        return DeviceGroup.<DeviceGroup>list("parentPath", Sort.by("path"), path.value()).stream()
                .map(group -> group.path)
                .toList();
    }

    /**
     * The groups the device belongs to directly. Native SQL, not flushing the session: every execution's start asks
     * it, and the entities of a membership are not needed, nor anything the start changed.
     */
    @SuppressWarnings("unchecked")
    public List<String> groupsOf(String endpoint) {
        return GroupMember.getEntityManager()
                .createNativeQuery("SELECT group_path FROM dmflow.group_member WHERE endpoint = ?1 ORDER BY group_path")
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter(1, endpoint)
                .getResultList();
    }
}
