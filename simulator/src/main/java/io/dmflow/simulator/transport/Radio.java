package io.dmflow.simulator.transport;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The simulated device's network link: what the CoAP endpoint is allowed to send and receive.
 * <p>
 * Three situations matter to a device-management server and each shows up differently on the wire:
 * <ul>
 * <li><b>online</b> — traffic flows both ways;</li>
 * <li><b>sleeping</b> (queue mode) — the device does not listen, so requests to it are lost, but anything the device
 * itself sends wakes the radio first, the way a queue-mode modem wakes to send an update or a notification; after
 * {@code awakeTime} without traffic it falls asleep again;</li>
 * <li><b>offline</b> — no network at all: requests to it are lost and its own sends fail at once (a modem knows it has
 * no coverage), so that Leshan's registration engine does not park a shared thread on a two-minute timeout.</li>
 * </ul>
 */
public final class Radio {

    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService link;
    private final long awakeNanos; // 0 = never sleeps (not in queue mode)

    private boolean offline;
    private boolean sleeping;
    private boolean garblingAnswers;
    private boolean ignoringRequests;
    private LinkDrop armedDrop;
    private int armedDropMatches;
    private long lastTrafficNanos = System.nanoTime();
    private ScheduledFuture<?> sleepCheck;
    private int handshakes;
    private volatile long latencyNanos;

    /**
     * @param link where the datagrams of a link with a latency wait; not a thread that may block on a request
     * @param awakeTime how long the device stays reachable after its last traffic in queue mode, {@code null} for a
     *        device that never sleeps
     */
    public Radio(ScheduledExecutorService scheduler, ScheduledExecutorService link, Duration awakeTime) {
        this.scheduler = scheduler;
        this.link = link;
        this.awakeNanos = awakeTime == null ? 0 : awakeTime.toNanos();
    }

    /** A DTLS handshake of the device completed: a server that kept the session across a restart needs none. */
    synchronized void handshakeCompleted() {
        handshakes++;
    }

    /** How many DTLS handshakes the device completed. */
    public synchronized int handshakes() {
        return handshakes;
    }

    /** True if the device may send now; wakes a sleeping radio. */
    public synchronized boolean admitOutbound() {
        if (offline) {
            return false;
        }
        sleeping = false;
        touch();
        return true;
    }

    /** True if a datagram arriving now reaches the device. */
    public synchronized boolean admitInbound() {
        if (offline || sleeping) {
            return false;
        }
        touch();
        return true;
    }

    public synchronized void goOffline() {
        offline = true;
    }

    public synchronized void comeBack() {
        offline = false;
        sleeping = false;
        touch();
    }

    /** Arms a drop: the link goes at the request {@code drop} names (once). */
    public synchronized void dropOffAt(LinkDrop drop) {
        armedDrop = drop;
        armedDropMatches = 0;
    }

    /** Counts a request the armed drop names; answers whether it is the one the link drops at. */
    synchronized boolean isDropPoint(LinkDrop drop) {
        return armedDrop == drop && ++armedDropMatches == drop.occurrence();
    }

    /** The drop armed and not yet happened, if any. */
    synchronized LinkDrop armedDrop() {
        return armedDrop;
    }

    /** The armed drop happens now: the radio is offline until {@link #comeBack()}. */
    synchronized void dropOff(LinkDrop drop) {
        if (armedDrop == drop) {
            armedDrop = null;
        }
        offline = true;
    }

    /**
     * A device whose firmware answers with garbage: every answer that carries a payload leaves with bytes that do not
     * decode and a content format that does not match them (the response code stays what the device meant).
     */
    public synchronized void garbleAnswers(boolean on) {
        garblingAnswers = on;
    }

    public synchronized boolean isGarblingAnswers() {
        return garblingAnswers;
    }

    /**
     * A device that stays registered and keeps sending (updates, notifications) but never acts on nor answers a request
     * from the server: a hung CoAP stack behind a live modem.
     */
    public synchronized void ignoreRequests(boolean on) {
        ignoringRequests = on;
    }

    public synchronized boolean isIgnoringRequests() {
        return ignoringRequests;
    }

    /**
     * A link slower than loopback: everything the device sends leaves {@code latency} later, as if the round trip of
     * a cellular or satellite link lay between it and the server. Zero, the default, sends at once.
     */
    public void setLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("a link latency cannot be negative: " + latency);
        }
        latencyNanos = latency.toNanos();
    }

    public Duration latency() {
        return Duration.ofNanos(latencyNanos);
    }

    /** Runs {@code send} once the link's latency has passed: now on a link without one. */
    void afterLatency(Runnable send) {
        long delay = latencyNanos;
        if (delay == 0) {
            send.run();
        } else {
            link.schedule(send, delay, TimeUnit.NANOSECONDS);
        }
    }

    public synchronized boolean isOffline() {
        return offline;
    }

    public synchronized boolean isSleeping() {
        return sleeping;
    }

    public synchronized void stop() {
        if (sleepCheck != null) {
            sleepCheck.cancel(false);
            sleepCheck = null;
        }
    }

    // One pending check per device, re-armed lazily, rather than a new timer for every datagram.
    private void touch() {
        lastTrafficNanos = System.nanoTime();
        if (awakeNanos > 0 && sleepCheck == null) {
            sleepCheck = scheduler.schedule(this::checkSleep, awakeNanos, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void checkSleep() {
        sleepCheck = null;
        long idle = System.nanoTime() - lastTrafficNanos;
        if (idle >= awakeNanos) {
            sleeping = true;
        } else {
            sleepCheck = scheduler.schedule(this::checkSleep, awakeNanos - idle, TimeUnit.NANOSECONDS);
        }
    }
}
