package io.dmflow.workers.quota;

import io.camunda.client.CamundaClient;
import io.dmflow.contract.MessageName;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a flow that waits for a quota slot once a slot has been handed to it: publishes {@code quota.slot-granted}
 * with the key that flow's dm.quota.acquire answered. The time-to-live covers a flow that has not reached its
 * message catch yet; a message that is lost anyway leaves the flow to its fallback timer, and the slot is already
 * its own when it asks again.
 */
public final class SlotGrantPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SlotGrantPublisher.class);

    private final Supplier<CamundaClient> client;
    private final Duration timeToLive;

    /** @param client the engine's client, asked for at the first message (it may not exist before) */
    public SlotGrantPublisher(Supplier<CamundaClient> client, Duration timeToLive) {
        this.client = client;
        this.timeToLive = timeToLive;
    }

    /** Tells {@code holder}'s flow that it now holds a slot of {@code quota}. */
    public void granted(String quota, String holder) {
        String key = MessageName.quotaSlotKey(quota, holder);
        try {
            client.get()
                    .newPublishMessageCommand()
                    .messageName(MessageName.QUOTA_SLOT_GRANTED)
                    .correlationKey(key)
                    .timeToLive(timeToLive)
                    .send()
                    .whenComplete((response, failure) -> {
                        if (failure != null) {
                            LOG.warn(
                                    "Could not publish {} for {}: {}",
                                    MessageName.QUOTA_SLOT_GRANTED,
                                    key,
                                    failure.getMessage());
                        }
                    });
        } catch (RuntimeException e) {
            // The slot is recorded; the flow's fallback timer makes it ask again and find it.
            LOG.warn("Could not publish {} for {}: {}", MessageName.QUOTA_SLOT_GRANTED, key, e.getMessage());
        }
    }
}
