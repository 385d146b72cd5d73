package io.dmflow.engine.command;

import io.dmflow.engine.message.MessageStartSubscriptions.MessageStart;
import io.dmflow.engine.message.MessageSubscriptionStore.Subscription;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import io.dmflow.engine.processing.behavior.EngineServices;
import io.dmflow.engine.rejection.EngineRejection;
import io.dmflow.engine.state.JsonValues;
import io.dmflow.engine.transaction.CommandRunner;
import io.dmflow.engine.transaction.EngineTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Publish and correlate. The publishing transaction assigns the message to at most one open
 * subscription per process id (CORRELATING); each instance then applies it in its own
 * transaction under its own lock, so a publish never waits for instance locks.
 */
public final class MessageCommands {
    private static final Logger LOG = Logger.getLogger(MessageCommands.class);

    public record Published(long messageKey, String tenantId, Long processInstanceKey) {}

    private final CommandRunner runner;
    private final EngineServices services;
    /** Assignments a request thread is applying right now; the background retry leaves them alone. */
    private final java.util.Set<Long> applying = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public MessageCommands(CommandRunner runner, EngineServices services) {
        this.runner = runner;
        this.services = services;
    }

    public Published publish(
            String name,
            String correlationKey,
            long timeToLive,
            String messageId,
            Map<String, Object> variables,
            String tenantId) {
        Assigned assigned = assign(name, correlationKey, Math.max(timeToLive, 0), messageId, variables, tenantId);
        try {
            applyAll(assigned.subscriptions());
        } finally {
            assigned.subscriptions().forEach(s -> applying.remove(s.key()));
        }
        return new Published(assigned.messageKey(), assigned.tenantId(), null);
    }

    /** Correlate without buffering; 404 when no subscription took the message. */
    public Published correlate(String name, String correlationKey, Map<String, Object> variables, String tenantId) {
        Assigned assigned = assign(name, correlationKey, 0, null, variables, tenantId);
        Long first = assigned.startedInstance();
        try {
            for (Subscription subscription : assigned.subscriptions()) {
                if (apply(subscription.key()) && first == null) {
                    first = subscription.processInstanceKey();
                }
            }
        } finally {
            assigned.subscriptions().forEach(s -> applying.remove(s.key()));
        }
        if (first == null) {
            throw EngineRejection.notFound("Expected to find subscription for message with name '" + name
                    + "' and correlation key '" + correlationKey + "', but none was found.");
        }
        return new Published(assigned.messageKey(), assigned.tenantId(), first);
    }

    private record Assigned(long messageKey, String tenantId, List<Subscription> subscriptions, Long startedInstance) {}

    private Assigned assign(
            String name,
            String correlationKey,
            long ttl,
            String messageId,
            Map<String, Object> variables,
            String tenantId) {
        if (name == null || name.isBlank()) {
            throw EngineRejection.invalidArgument("No name provided.");
        }
        String tenant = tenantId == null || tenantId.isBlank() ? "<default>" : tenantId;
        String key = correlationKey == null ? "" : correlationKey;
        return runner.run(tx -> {
            tx.messages().lockCorrelation(tenant, name, key);
            if (messageId != null
                    && !messageId.isEmpty()
                    && tx.messages().idTaken(tenant, name, key, messageId, tx.now())) {
                throw EngineRejection.alreadyExists("Expected to publish a new message with id '" + messageId
                        + "', but a message with that id was already published");
            }
            long messageKey = tx.newKey();
            tx.messages()
                    .insert(
                            messageKey,
                            name,
                            key,
                            messageId == null || messageId.isEmpty() ? null : messageId,
                            JsonValues.write(variables == null ? Map.of() : variables),
                            tenant,
                            tx.now(),
                            ttl);
            Long started = startInstances(tx, messageKey, tenant, name, key, variables);
            List<Subscription> assigned = new ArrayList<>();
            for (Subscription subscription : tx.subscriptions().openMatching(tenant, name, key)) {
                if (tx.messages().recordCorrelation(messageKey, subscription.bpmnProcessId())) {
                    tx.subscriptions().setState(subscription.key(), "CORRELATING", messageKey, tx.now());
                    applying.add(subscription.key());
                    assigned.add(subscription);
                }
            }
            return new Assigned(messageKey, tenant, assigned, started);
        });
    }

    /**
     * Message start events of the latest versions: one new instance per process, unless an instance
     * that this correlation key started is still active (then the message only stays buffered).
     */
    private Long startInstances(
            EngineTransaction tx,
            long messageKey,
            String tenant,
            String name,
            String correlationKey,
            Map<String, Object> variables) {
        Long first = null;
        for (MessageStart start : tx.messageStarts().listeningFor(tenant, name)) {
            if (!correlationKey.isEmpty()
                    && tx.processInstances().activeStartedBy(start.bpmnProcessId(), correlationKey)) {
                continue;
            }
            if (!tx.messages().recordCorrelation(messageKey, start.bpmnProcessId())) {
                continue;
            }
            var definition = services.definitions()
                    .find(tx.sql(), start.processDefinitionKey())
                    .orElseThrow();
            BpmnExecution execution = new BpmnExecution(tx, services);
            var instance = execution.createProcessInstanceAt(
                    definition, start.elementId(), variables == null ? Map.of() : variables, correlationKey);
            execution.run();
            if (first == null) {
                first = instance.key();
            }
        }
        return first;
    }

    /** Applies assigned messages; a failure leaves the subscription CORRELATING for the background retry. */
    public void applyAll(List<Subscription> subscriptions) {
        for (Subscription subscription : subscriptions) {
            try {
                apply(subscription.key());
            } catch (RuntimeException e) {
                LOG.warnf(
                        e,
                        "correlating message to subscription %d failed; retried in the background",
                        subscription.key());
            }
        }
    }

    /** Applies one assigned message in the subscriber's instance; false if the subscriber had moved on. */
    public boolean apply(long subscriptionKey) {
        return runner.run(tx -> {
            Subscription subscription = tx.subscriptions().find(subscriptionKey).orElse(null);
            if (subscription == null) {
                return false;
            }
            tx.sql().lockInstanceTree(subscription.rootProcessInstanceKey());
            BpmnExecution execution = new BpmnExecution(tx, services);
            boolean applied = execution.eventTriggers().correlate(subscriptionKey);
            execution.run();
            return applied;
        });
    }

    /** Background: assignments whose application did not happen (crash, failure). */
    public int applyPending(int limit) {
        List<Subscription> pending = runner.run(tx -> tx.subscriptions().correlating(limit)).stream()
                .filter(s -> !applying.contains(s.key()))
                .toList();
        applyAll(pending);
        return pending.size();
    }
}
