package io.dmflow.simulator.object.firmware;

import io.dmflow.simulator.delivery.DownloadException;
import io.dmflow.simulator.delivery.PackageDownloader;
import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.delivery.ReceivedPackage;
import io.dmflow.simulator.object.StatefulInstanceEnabler;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.eclipse.leshan.core.util.datatype.ULong;

/**
 * Object 5, Firmware Update: the full state machine Idle → Downloading → Downloaded → Updating → Idle.
 * <p>
 * Push: the server writes the image to Package (/5/0/0) block-wise; Californium reassembles it before this enabler
 * sees it. Pull: the server writes Package URI (/5/0/1) and the device fetches it over CoAP (Block2) or HTTP(S).
 * Either way the bytes go through the same verification ({@link PackageFormat}) and the same {@link FirmwareFaults}.
 * <p>
 * Failures follow the object's rules: a failed download or integrity check returns to Idle with the reason in Update
 * Result; a failed update returns to Downloaded with result 8; a successful update reboots the device and comes back
 * Idle with result 1. Every new delivery or reset bumps a generation counter, so the completion of a superseded
 * download can never overwrite the current state.
 */
public class FirmwareUpdate extends StatefulInstanceEnabler {

    static final int PACKAGE = 0;
    static final int PACKAGE_URI = 1;
    static final int UPDATE = 2;
    static final int STATE = 3;
    static final int UPDATE_RESULT = 5;
    static final int PKG_NAME = 6;
    static final int PKG_VERSION = 7;
    static final int PROTOCOL_SUPPORT = 8;
    static final int DELIVERY_METHOD = 9;
    static final int CANCEL = 10;
    static final int SEVERITY = 11;
    static final int LAST_STATE_CHANGE_TIME = 12;
    static final int MAXIMUM_DEFER_PERIOD = 13;

    private static final List<Integer> SUPPORTED = List.of(
            PACKAGE,
            PACKAGE_URI,
            UPDATE,
            STATE,
            UPDATE_RESULT,
            PKG_NAME,
            PKG_VERSION,
            PROTOCOL_SUPPORT,
            DELIVERY_METHOD,
            CANCEL,
            SEVERITY,
            LAST_STATE_CHANGE_TIME,
            MAXIMUM_DEFER_PERIOD);
    private static final int DELIVERY_PUSH_AND_PULL = 2;
    private static final int HISTORY_LIMIT = 64;

    private final PackageDownloader downloader;
    private final ScheduledExecutorService scheduler;
    private final FirmwareInstaller installer;
    private final boolean retainPackageBytes;
    private final FirmwareFaults faults = new FirmwareFaults();

    private FirmwareState state = FirmwareState.IDLE;
    private UpdateResult result = UpdateResult.INITIAL;
    private String packageUri = "";
    private ReceivedPackage received;
    private byte[] receivedBytes;
    private Date lastStateChange = new Date();
    private long severity = 1; // mandatory
    private long maximumDeferPeriod;
    private int generation;
    private int refusedUpdates;
    private CompletableFuture<byte[]> pendingDownload;
    private final List<StateChange> history =
            new ArrayList<>(List.of(new StateChange(FirmwareState.IDLE, Instant.now())));

    /**
     * @param retainPackageBytes keep the last received image in memory for assertions; fleets under load keep only
     *        its digest
     */
    public FirmwareUpdate(
            PackageDownloader downloader,
            ScheduledExecutorService scheduler,
            FirmwareInstaller installer,
            boolean retainPackageBytes) {
        super(0);
        this.downloader = downloader;
        this.scheduler = scheduler;
        this.installer = installer;
        this.retainPackageBytes = retainPackageBytes;
    }

    // ---- what tests look at

    public synchronized FirmwareState state() {
        return state;
    }

    public synchronized UpdateResult updateResult() {
        return result;
    }

    public synchronized String packageUri() {
        return packageUri;
    }

    /** The last package that arrived completely (verified or not), if any. */
    public synchronized Optional<ReceivedPackage> receivedPackage() {
        return Optional.ofNullable(received);
    }

    /** The bytes of the last package, when the fleet retains them. */
    public synchronized Optional<byte[]> receivedBytes() {
        return Optional.ofNullable(receivedBytes);
    }

    /** Every state the machine went through, oldest first (the last {@value #HISTORY_LIMIT}). */
    /** How many Execute Update the device refused (4.05) because it held no downloaded package to apply. */
    public synchronized int refusedUpdates() {
        return refusedUpdates;
    }

    public synchronized List<FirmwareState> stateHistory() {
        return history.stream().map(StateChange::state).toList();
    }

    /** The same states with the moment each was entered, e.g. to see how many devices were downloading at once. */
    public synchronized List<StateChange> stateChanges() {
        return List.copyOf(history);
    }

    /** The machine entered {@code state} at {@code at}. */
    public record StateChange(FirmwareState state, Instant at) {}

    public FirmwareFaults faults() {
        return faults;
    }

    // ---- LwM2M operations

    @Override
    public synchronized ReadResponse read(LwM2mServer server, int resourceId) {
        switch (resourceId) {
            case PACKAGE_URI:
                return ReadResponse.success(resourceId, packageUri);
            case STATE:
                return ReadResponse.success(resourceId, state.code());
            case UPDATE_RESULT:
                return ReadResponse.success(resourceId, result.code());
            case PKG_NAME:
                return ReadResponse.success(resourceId, received == null ? "" : received.name());
            case PKG_VERSION:
                return ReadResponse.success(resourceId, received == null ? "" : received.version());
            case PROTOCOL_SUPPORT:
                return ReadResponse.success(resourceId, protocolSupport(), Type.INTEGER);
            case DELIVERY_METHOD:
                return ReadResponse.success(resourceId, DELIVERY_PUSH_AND_PULL);
            case SEVERITY:
                return ReadResponse.success(resourceId, severity);
            case LAST_STATE_CHANGE_TIME:
                return ReadResponse.success(resourceId, lastStateChange);
            case MAXIMUM_DEFER_PERIOD:
                return ReadResponse.success(resourceId, ULong.valueOf(maximumDeferPeriod));
            default:
                return super.read(server, resourceId);
        }
    }

    @Override
    public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
        switch (resourceId) {
            case PACKAGE:
                return writePackage((byte[]) value.getValue());
            case PACKAGE_URI:
                return writePackageUri((String) value.getValue());
            case SEVERITY:
                synchronized (this) {
                    severity = (Long) value.getValue();
                    changed(resourceId);
                }
                publishChanges();
                return WriteResponse.success();
            case MAXIMUM_DEFER_PERIOD:
                synchronized (this) {
                    maximumDeferPeriod = ((Number) value.getValue()).longValue(); // Unsigned Integer: a ULong
                    changed(resourceId);
                }
                publishChanges();
                return WriteResponse.success();
            default:
                return super.write(server, replace, resourceId, value);
        }
    }

    @Override
    public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
        switch (resourceId) {
            case UPDATE:
                return update();
            case CANCEL:
                return cancel();
            default:
                return super.execute(server, resourceId, arguments);
        }
    }

    @Override
    public List<Integer> getAvailableResourceIds(ObjectModel model) {
        return definedIn(model, SUPPORTED);
    }

    // ---- the state machine

    private WriteResponse writePackage(byte[] bytes) {
        // An empty Package (or a single NUL) resets the state machine, the documented way to unstick it.
        if (bytes.length == 0 || (bytes.length == 1 && bytes[0] == 0)) {
            return resetToIdle();
        }
        int gen;
        synchronized (this) {
            if (state == FirmwareState.UPDATING) {
                return WriteResponse.methodNotAllowed();
            }
            gen = startDownload();
        }
        publishChanges();
        scheduleVerification(gen, bytes);
        return WriteResponse.success();
    }

    private WriteResponse writePackageUri(String uri) {
        if (uri == null || uri.isEmpty()) {
            return resetToIdle();
        }
        URI target;
        int gen;
        synchronized (this) {
            if (state == FirmwareState.UPDATING) {
                return WriteResponse.methodNotAllowed();
            }
            packageUri = uri;
            target = parse(uri);
            if (target == null || !downloader.supports(target.getScheme())) {
                failNow(target == null ? UpdateResult.INVALID_URI : UpdateResult.UNSUPPORTED_PROTOCOL);
                gen = -1;
            } else {
                gen = startDownload();
            }
        }
        publishChanges();
        if (gen < 0) {
            return WriteResponse.success();
        }
        // Download "at the next practical opportunity": after the write has been acknowledged.
        CompletableFuture<byte[]> download = downloader.download(target);
        synchronized (this) {
            if (gen == generation) {
                pendingDownload = download;
            }
        }
        download.whenComplete((bytes, error) -> {
            if (error != null) {
                downloadFailed(gen, error);
            } else {
                scheduleVerification(gen, bytes);
            }
        });
        return WriteResponse.success();
    }

    private ExecuteResponse update() {
        int gen;
        synchronized (this) {
            if (state != FirmwareState.DOWNLOADED) {
                refusedUpdates++;
                return ExecuteResponse.methodNotAllowed();
            }
            gen = generation;
            transition(FirmwareState.UPDATING, UpdateResult.INITIAL);
        }
        publishChanges();
        scheduler.schedule(() -> applyUpdate(gen), faults.updateDuration().toMillis(), TimeUnit.MILLISECONDS);
        return ExecuteResponse.success();
    }

    private ExecuteResponse cancel() {
        synchronized (this) {
            if (state != FirmwareState.DOWNLOADING && state != FirmwareState.DOWNLOADED) {
                return ExecuteResponse.methodNotAllowed();
            }
            supersede();
            transition(FirmwareState.IDLE, UpdateResult.CANCELLED);
        }
        publishChanges();
        return ExecuteResponse.success();
    }

    private WriteResponse resetToIdle() {
        synchronized (this) {
            if (state == FirmwareState.UPDATING) {
                return WriteResponse.methodNotAllowed();
            }
            supersede();
            packageUri = "";
            received = null;
            receivedBytes = null;
            transition(FirmwareState.IDLE, UpdateResult.INITIAL);
        }
        publishChanges();
        return WriteResponse.success();
    }

    /** Enters Downloading for a new delivery; the caller holds the lock. */
    private int startDownload() {
        supersede();
        transition(FirmwareState.DOWNLOADING, UpdateResult.INITIAL);
        return generation;
    }

    private void scheduleVerification(int gen, byte[] bytes) {
        scheduler.schedule(() -> verify(gen, bytes), faults.downloadDuration().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void verify(int gen, byte[] bytes) {
        synchronized (this) {
            verifyLocked(gen, bytes);
        }
        publishChanges();
    }

    private void verifyLocked(int gen, byte[] bytes) {
        if (gen != generation) {
            return;
        }
        pendingDownload = null;
        UpdateResult downloadFailure = faults.downloadFailure();
        if (downloadFailure != null) {
            failNow(downloadFailure);
            return;
        }
        ReceivedPackage pkg = PackageFormat.read(bytes);
        received = pkg;
        changed(PKG_NAME, PKG_VERSION);
        receivedBytes = retainPackageBytes ? bytes : null;
        if (faults.corruptPackage() || !pkg.intact()) {
            failNow(UpdateResult.INTEGRITY_CHECK_FAILURE);
            return;
        }
        transition(FirmwareState.DOWNLOADED, UpdateResult.INITIAL);
    }

    private void downloadFailed(int gen, Throwable error) {
        synchronized (this) {
            downloadFailedLocked(gen, error);
        }
        publishChanges();
    }

    private void downloadFailedLocked(int gen, Throwable error) {
        if (gen != generation) {
            return;
        }
        pendingDownload = null;
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        UpdateResult reason = UpdateResult.CONNECTION_LOST;
        if (cause instanceof DownloadException) {
            switch (((DownloadException) cause).failure()) {
                case INVALID_URI:
                    reason = UpdateResult.INVALID_URI;
                    break;
                case UNSUPPORTED_PROTOCOL:
                    reason = UpdateResult.UNSUPPORTED_PROTOCOL;
                    break;
                default:
                    reason = UpdateResult.CONNECTION_LOST;
            }
        }
        failNow(reason);
    }

    private void applyUpdate(int gen) {
        String version;
        synchronized (this) {
            if (gen != generation || state != FirmwareState.UPDATING) {
                return;
            }
            UpdateResult updateFailure = faults.updateFailure();
            if (updateFailure != null) {
                transition(FirmwareState.DOWNLOADED, updateFailure);
                version = null;
            } else {
                version = received.version();
            }
        }
        publishChanges();
        if (version == null) {
            return;
        }
        installer.installAndReboot(version, () -> updated(gen));
    }

    private void updated(int gen) {
        synchronized (this) {
            if (gen == generation) {
                transition(FirmwareState.IDLE, UpdateResult.SUCCESS);
            }
        }
        publishChanges();
    }

    /** Download and verification failures end in Idle; the caller holds the lock. */
    private void failNow(UpdateResult reason) {
        supersede();
        transition(FirmwareState.IDLE, reason);
    }

    /** Forgets any delivery in progress; the caller holds the lock. */
    private void supersede() {
        generation++;
        if (pendingDownload != null) {
            pendingDownload.cancel(false);
            pendingDownload = null;
        }
    }

    /** Changes state and result and records which resources changed; the caller holds the lock. */
    private void transition(FirmwareState newState, UpdateResult newResult) {
        if (newState != state) {
            state = newState;
            lastStateChange = new Date();
            history.add(new StateChange(newState, lastStateChange.toInstant()));
            if (history.size() > HISTORY_LIMIT) {
                history.remove(0);
            }
            changed(STATE, LAST_STATE_CHANGE_TIME);
        }
        if (newResult != result) {
            result = newResult;
            changed(UPDATE_RESULT);
        }
    }

    private Map<Integer, Long> protocolSupport() {
        Map<Integer, Long> protocols = new LinkedHashMap<>();
        String[] schemes = {"coap", "coaps", "http", "https"};
        long[] codes = {0, 1, 2, 3};
        int instance = 0;
        for (int i = 0; i < schemes.length; i++) {
            if (downloader.supports(schemes[i])) {
                protocols.put(instance++, codes[i]);
            }
        }
        return protocols;
    }

    private static URI parse(String uri) {
        try {
            URI parsed = new URI(uri);
            return parsed.getScheme() == null || parsed.getHost() == null ? null : parsed;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
