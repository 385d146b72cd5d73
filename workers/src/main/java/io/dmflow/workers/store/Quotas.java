package io.dmflow.workers.store;

import java.util.OptionalInt;

/**
 * Named caps on how many executions across devices do something at once (e.g. transfer a firmware package). A
 * slot belongs to a holder (an execution) until it is released; taking a slot the holder already has answers yes
 * again, so a job delivered twice takes one slot.
 */
public interface Quotas {

    /** Takes a slot of quota {@code name} for {@code holder} if fewer than {@code limit} are taken; answers whether it holds one. */
    boolean acquire(String name, int limit, String holder);

    /** Gives the holder's slot back; nothing happens if it holds none. */
    void release(String name, String holder);

    /** The limit the settings give quota {@code name} ({@code dmflow.quota.<name>}), if they give one. */
    OptionalInt configuredLimit(String name);
}
