package io.dmflow.workers.store;

import java.util.OptionalInt;

/**
 * Named caps on how many executions across devices do something at once (e.g. transfer a firmware package). A
 * slot belongs to a holder (an execution) until it is released; taking a slot the holder already has answers yes
 * again, so a job delivered twice takes one slot. A holder that gets no slot waits in line: first come, first
 * served. A slot given back goes to the first in line, who is told so by {@code quota.slot-granted} (the
 * implementation publishes it) and finds the slot its own when it asks again.
 */
public interface Quotas {

    /**
     * Takes a slot of quota {@code name} for {@code holder} if fewer than {@code limit} are taken and nobody waits
     * before it; answers whether it holds one. A holder answered no is in line, at the place it first asked.
     */
    boolean acquire(String name, int limit, String holder);

    /** Gives the holder's slot, or its place in line, back; nothing happens if it has neither. */
    void release(String name, String holder);

    /** The limit the settings give quota {@code name} ({@code dmflow.quota.<name>}), if they give one. */
    OptionalInt configuredLimit(String name);
}
