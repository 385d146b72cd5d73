package io.dmflow.api.metrics;

import io.dmflow.api.device.Device;
import io.dmflow.api.device.DeviceState;
import io.dmflow.api.execution.Execution;
import io.dmflow.contract.ExecutionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The GROUP BY queries behind the gauges: devices by state, open executions by status. */
@ApplicationScoped
public class FleetCounts {

    /**
     * The open statuses as literals, not a parameter: PostgreSQL then sees that the query's condition is the one
     * of the partial index on open executions and reads that index only.
     */
    private static final String OPEN_LITERALS = Execution.OPEN.stream()
            .map(status -> ExecutionStatus.class.getName() + "." + status.name())
            .collect(Collectors.joining(", "));

    @Transactional
    public Map<DeviceState, Long> devicesByState() {
        Map<DeviceState, Long> counts = new EnumMap<>(DeviceState.class);
        Device.getEntityManager()
                .createQuery("select d.state, count(d) from Device d group by d.state", Object[].class)
                .getResultList()
                .forEach(row -> counts.put((DeviceState) row[0], (Long) row[1]));
        return counts;
    }

    /**
     * Only the statuses of executions that have not ended: those rows are few and indexed, while ended executions
     * pile up for ever; how many end is {@code dmflow.executions.ended}'s to say.
     */
    @Transactional
    public Map<ExecutionStatus, Long> openExecutionsByStatus() {
        Map<ExecutionStatus, Long> counts = new EnumMap<>(ExecutionStatus.class);
        Execution.getEntityManager()
                .createQuery(
                        "select e.status, count(e) from Execution e where e.status in (" + OPEN_LITERALS
                                + ") group by e.status",
                        Object[].class)
                .getResultList()
                .forEach(row -> counts.put((ExecutionStatus) row[0], (Long) row[1]));
        return counts;
    }
}
