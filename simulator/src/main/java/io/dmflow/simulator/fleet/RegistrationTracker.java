package io.dmflow.simulator.fleet;

import java.time.Duration;
import java.util.function.IntConsumer;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.request.DeregisterRequest;
import org.eclipse.leshan.core.request.RegisterRequest;
import org.eclipse.leshan.core.request.UpdateRequest;

/**
 * What the device itself knows about its registration, learnt from Leshan's client events.
 * <p>
 * "Registered" here means the client has received its 2.01: the server's own {@code registered} event fires earlier,
 * and a request sent in between can be lost, so tests wait on this side.
 */
final class RegistrationTracker extends LwM2mClientObserverAdapter {

    private final IntConsumer fleetCount;
    private boolean registered;
    private String registrationId;
    private int registrations;
    private int updates;
    private int bootstraps;
    private int failedRegistrations;
    private int failedUpdates;
    private int failedBootstraps;

    RegistrationTracker(IntConsumer fleetCount) {
        this.fleetCount = fleetCount;
    }

    synchronized boolean isRegistered() {
        return registered;
    }

    synchronized String registrationId() {
        return registrationId;
    }

    synchronized int registrations() {
        return registrations;
    }

    synchronized int updates() {
        return updates;
    }

    synchronized int bootstraps() {
        return bootstraps;
    }

    synchronized int failedRegistrations() {
        return failedRegistrations;
    }

    synchronized int failedUpdates() {
        return failedUpdates;
    }

    synchronized int failedBootstraps() {
        return failedBootstraps;
    }

    /** Waits until registered; false on timeout. */
    synchronized boolean awaitRegistered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!registered) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** The device went down (reboot, close) whatever the outcome of its deregistration. */
    void down() {
        set(false, null);
    }

    @Override
    public synchronized void onBootstrapSuccess(LwM2mServer bootstrapServer, BootstrapRequest request) {
        bootstraps++;
    }

    @Override
    public synchronized void onBootstrapFailure(
            LwM2mServer bootstrapServer,
            BootstrapRequest request,
            ResponseCode code,
            String errorMessage,
            Exception cause) {
        failedBootstraps++;
    }

    @Override
    public synchronized void onBootstrapTimeout(LwM2mServer bootstrapServer, BootstrapRequest request) {
        failedBootstraps++;
    }

    @Override
    public void onRegistrationSuccess(LwM2mServer server, RegisterRequest request, String id) {
        synchronized (this) {
            registrations++;
        }
        set(true, id);
    }

    @Override
    public void onRegistrationFailure(
            LwM2mServer server, RegisterRequest request, ResponseCode code, String errorMessage, Exception cause) {
        synchronized (this) {
            failedRegistrations++;
        }
        set(false, null);
    }

    @Override
    public void onRegistrationTimeout(LwM2mServer server, RegisterRequest request) {
        synchronized (this) {
            failedRegistrations++;
        }
        set(false, null);
    }

    @Override
    public void onUpdateSuccess(LwM2mServer server, UpdateRequest request) {
        synchronized (this) {
            updates++;
        }
    }

    // After a failed update Leshan registers anew; until then the server may not know the device.
    @Override
    public void onUpdateFailure(
            LwM2mServer server, UpdateRequest request, ResponseCode code, String errorMessage, Exception cause) {
        synchronized (this) {
            failedUpdates++;
        }
        set(false, null);
    }

    @Override
    public void onUpdateTimeout(LwM2mServer server, UpdateRequest request) {
        synchronized (this) {
            failedUpdates++;
        }
        set(false, null);
    }

    @Override
    public void onDeregistrationSuccess(LwM2mServer server, DeregisterRequest request) {
        set(false, null);
    }

    private void set(boolean nowRegistered, String id) {
        int delta = 0;
        synchronized (this) {
            if (nowRegistered != registered) {
                delta = nowRegistered ? 1 : -1;
            }
            registered = nowRegistered;
            registrationId = id;
            notifyAll();
        }
        if (delta != 0) {
            fleetCount.accept(delta);
        }
    }
}
