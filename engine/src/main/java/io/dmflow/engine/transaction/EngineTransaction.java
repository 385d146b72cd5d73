package io.dmflow.engine.transaction;

import io.dmflow.engine.clock.PinnedClockStore;
import io.dmflow.engine.deployment.DeploymentStore;
import io.dmflow.engine.incident.IncidentStore;
import io.dmflow.engine.instance.ElementInstanceState;
import io.dmflow.engine.instance.JoinArrivals;
import io.dmflow.engine.instance.MultiInstanceInputs;
import io.dmflow.engine.instance.ProcessInstanceState;
import io.dmflow.engine.instance.TakenSequenceFlows;
import io.dmflow.engine.job.JobStore;
import io.dmflow.engine.message.MessageStartSubscriptions;
import io.dmflow.engine.message.MessageStore;
import io.dmflow.engine.message.MessageSubscriptionStore;
import io.dmflow.engine.state.KeyGenerator;
import io.dmflow.engine.state.SqlSession;
import io.dmflow.engine.timer.TimerStore;
import io.dmflow.engine.variable.VariableState;
import java.util.ArrayList;
import java.util.List;

/** One command's database transaction: the state it touches, and what to do once it committed. */
public final class EngineTransaction {
    private final SqlSession sql;
    private final KeyGenerator keys;
    private final long now;
    private final ElementInstanceState elementInstances;
    private final MultiInstanceInputs multiInstanceInputs;
    private final ProcessInstanceState processInstances;
    private final VariableState variables;
    private final JobStore jobs;
    private final IncidentStore incidents;
    private final TimerStore timers;
    private final MessageStore messages;
    private final MessageSubscriptionStore subscriptions;
    private final JoinArrivals joinArrivals;
    private final DeploymentStore deployments;
    private final MessageStartSubscriptions messageStarts;
    private final PinnedClockStore pinnedClock;
    private final TakenSequenceFlows takenFlows;
    private final List<Runnable> afterCommit = new ArrayList<>();

    EngineTransaction(SqlSession sql, KeyGenerator keys, long now) {
        this.sql = sql;
        this.keys = keys;
        this.now = now;
        this.elementInstances = new ElementInstanceState(sql);
        this.multiInstanceInputs = new MultiInstanceInputs(sql);
        this.processInstances = new ProcessInstanceState(sql);
        this.variables = new VariableState(sql, keys);
        this.jobs = new JobStore(sql);
        this.incidents = new IncidentStore(sql);
        this.timers = new TimerStore(sql);
        this.messages = new MessageStore(sql);
        this.subscriptions = new MessageSubscriptionStore(sql);
        this.joinArrivals = new JoinArrivals(sql);
        this.deployments = new DeploymentStore(sql);
        this.messageStarts = new MessageStartSubscriptions(sql);
        this.pinnedClock = new PinnedClockStore(sql);
        this.takenFlows = new TakenSequenceFlows(sql);
    }

    public SqlSession sql() {
        return sql;
    }

    public long newKey() {
        return keys.nextKey(sql);
    }
    /** The engine clock when the command started: one instant for the whole command. */
    public long now() {
        return now;
    }

    public ElementInstanceState elementInstances() {
        return elementInstances;
    }

    public MultiInstanceInputs multiInstanceInputs() {
        return multiInstanceInputs;
    }

    public ProcessInstanceState processInstances() {
        return processInstances;
    }

    public VariableState variables() {
        return variables;
    }

    public JobStore jobs() {
        return jobs;
    }

    public IncidentStore incidents() {
        return incidents;
    }

    public TimerStore timers() {
        return timers;
    }

    public MessageStore messages() {
        return messages;
    }

    public MessageSubscriptionStore subscriptions() {
        return subscriptions;
    }

    public JoinArrivals joinArrivals() {
        return joinArrivals;
    }

    public DeploymentStore deployments() {
        return deployments;
    }

    public MessageStartSubscriptions messageStarts() {
        return messageStarts;
    }

    public PinnedClockStore pinnedClock() {
        return pinnedClock;
    }

    /** Recorded for the diagram; written in one batch with the other deferred writes. */
    public void sequenceFlowTaken(long processInstanceKey, String sequenceFlowId) {
        takenFlows.taken(processInstanceKey, sequenceFlowId);
    }

    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    void flush() {
        elementInstances.flush();
        variables.flush();
        takenFlows.flush();
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }
}
