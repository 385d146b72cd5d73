package io.dmflow.simulator.object.software;

import io.dmflow.simulator.delivery.DownloadException;
import io.dmflow.simulator.delivery.DownloadFailure;
import io.dmflow.simulator.delivery.PackageDownloader;
import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.delivery.ReceivedPackage;
import io.dmflow.simulator.object.StatefulInstanceEnabler;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;

/**
 * One instance of Object 9, Software Management: one software package and its lifecycle.
 * <p>
 * Delivery (push to Package /9/x/2 or pull from Package URI /9/x/3) moves INITIAL → DOWNLOAD STARTED → DOWNLOADED →
 * DELIVERED once the package verifies; Install (only in DELIVERED) leads to INSTALLED; Activate and Deactivate toggle
 * the Activation State of an installed package; Uninstall returns to INITIAL, or with argument 1 ("for update") keeps
 * the installed package while accepting the next one. Failed deliveries return to INITIAL, a failed install stays
 * DELIVERED, each with its Update Result code.
 */
public class SoftwareManagement extends StatefulInstanceEnabler {

    static final int PKG_NAME = 0;
    static final int PKG_VERSION = 1;
    static final int PACKAGE = 2;
    static final int PACKAGE_URI = 3;
    static final int INSTALL = 4;
    static final int CHECKPOINT = 5;
    static final int UNINSTALL = 6;
    static final int UPDATE_STATE = 7;
    static final int UPDATE_SUPPORTED_OBJECTS = 8;
    static final int UPDATE_RESULT = 9;
    static final int ACTIVATE = 10;
    static final int DEACTIVATE = 11;
    static final int ACTIVATION_STATE = 12;
    static final int USER_NAME = 14;
    static final int PASSWORD = 15;
    static final int STATUS_REASON = 16;

    private static final List<Integer> SUPPORTED = List.of(
            PKG_NAME,
            PKG_VERSION,
            PACKAGE,
            PACKAGE_URI,
            INSTALL,
            UNINSTALL,
            UPDATE_STATE,
            UPDATE_SUPPORTED_OBJECTS,
            UPDATE_RESULT,
            ACTIVATE,
            DEACTIVATE,
            ACTIVATION_STATE,
            USER_NAME,
            PASSWORD,
            STATUS_REASON);

    private final PackageDownloader downloader;
    private final ScheduledExecutorService scheduler;
    private final boolean retainPackageBytes;
    private final SoftwareFaults faults = new SoftwareFaults();

    private SoftwareUpdateState state = SoftwareUpdateState.INITIAL;
    private SoftwareUpdateResult result = SoftwareUpdateResult.INITIAL;
    private boolean active;
    private boolean updateSupportedObjects;
    private boolean preparedForUpdate;
    private String statusReason = "";
    private ReceivedPackage delivered;
    private ReceivedPackage installed;
    private byte[] deliveredBytes;
    private int generation;
    private int refusedInstalls;
    private CompletableFuture<byte[]> pendingDownload;
    private final List<SoftwareUpdateState> history = new ArrayList<>(List.of(SoftwareUpdateState.INITIAL));

    public SoftwareManagement(
            PackageDownloader downloader, ScheduledExecutorService scheduler, boolean retainPackageBytes) {
        this.downloader = downloader;
        this.scheduler = scheduler;
        this.retainPackageBytes = retainPackageBytes;
    }

    // ---- what tests look at

    public synchronized SoftwareUpdateState updateState() {
        return state;
    }

    public synchronized SoftwareUpdateResult updateResult() {
        return result;
    }

    public synchronized boolean isActive() {
        return active;
    }

    /** The package currently delivered or installed, if any. */
    public synchronized Optional<ReceivedPackage> currentPackage() {
        return Optional.ofNullable(installed != null && delivered == null ? installed : delivered);
    }

    public synchronized Optional<byte[]> deliveredBytes() {
        return Optional.ofNullable(deliveredBytes);
    }

    /** How many Execute Install the instance refused (4.05) because it held no delivered package to install. */
    public synchronized int refusedInstalls() {
        return refusedInstalls;
    }

    public synchronized List<SoftwareUpdateState> stateHistory() {
        return List.copyOf(history);
    }

    public SoftwareFaults faults() {
        return faults;
    }

    // ---- LwM2M operations

    @Override
    public synchronized ReadResponse read(LwM2mServer server, int resourceId) {
        ReceivedPackage shown = installed != null && delivered == null ? installed : delivered;
        switch (resourceId) {
            case PKG_NAME:
                return ReadResponse.success(resourceId, shown == null ? "" : shown.name());
            case PKG_VERSION:
                return ReadResponse.success(resourceId, shown == null ? "" : shown.version());
            case UPDATE_STATE:
                return ReadResponse.success(resourceId, state.code());
            case UPDATE_SUPPORTED_OBJECTS:
                return ReadResponse.success(resourceId, updateSupportedObjects);
            case UPDATE_RESULT:
                return ReadResponse.success(resourceId, result.code());
            case ACTIVATION_STATE:
                return ReadResponse.success(resourceId, active);
            case STATUS_REASON:
                return ReadResponse.success(resourceId, statusReason);
            case CHECKPOINT:
                return ReadResponse.success(resourceId, new ObjectLink());
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
            case UPDATE_SUPPORTED_OBJECTS:
                synchronized (this) {
                    updateSupportedObjects = (Boolean) value.getValue();
                    changed(resourceId);
                }
                publishChanges();
                return WriteResponse.success();
            case USER_NAME:
            case PASSWORD:
                return WriteResponse.success(); // accepted; the simulated package servers need no credentials
            default:
                return super.write(server, replace, resourceId, value);
        }
    }

    @Override
    public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
        switch (resourceId) {
            case INSTALL:
                return install();
            case UNINSTALL:
                return uninstall(arguments);
            case ACTIVATE:
                return activate(true);
            case DEACTIVATE:
                return activate(false);
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
        int gen;
        synchronized (this) {
            if (!acceptsDelivery()) {
                return WriteResponse.methodNotAllowed();
            }
            gen = startDownload();
        }
        publishChanges();
        scheduler.execute(() -> downloaded(gen, bytes));
        return WriteResponse.success();
    }

    private WriteResponse writePackageUri(String uri) {
        URI target = parse(uri);
        int gen;
        synchronized (this) {
            if (!acceptsDelivery()) {
                return WriteResponse.methodNotAllowed();
            }
            if (target == null || !downloader.supports(target.getScheme())) {
                fail(SoftwareUpdateResult.INVALID_URI, "cannot download from '" + uri + "'");
                gen = -1;
            } else {
                gen = startDownload();
            }
        }
        publishChanges();
        if (gen < 0) {
            return WriteResponse.success();
        }
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
                downloaded(gen, bytes);
            }
        });
        return WriteResponse.success();
    }

    private ExecuteResponse install() {
        int gen;
        synchronized (this) {
            if (state != SoftwareUpdateState.DELIVERED) {
                refusedInstalls++;
                return ExecuteResponse.methodNotAllowed();
            }
            gen = generation;
        }
        scheduler.schedule(() -> installed(gen), faults.installDuration().toMillis(), TimeUnit.MILLISECONDS);
        return ExecuteResponse.success();
    }

    private ExecuteResponse uninstall(Arguments arguments) {
        boolean forUpdate = arguments != null && arguments.hasDigit(1);
        synchronized (this) {
            if (state != SoftwareUpdateState.INSTALLED && state != SoftwareUpdateState.DELIVERED) {
                return ExecuteResponse.methodNotAllowed();
            }
            if (faults.failUninstall()) {
                setResult(SoftwareUpdateResult.UNINSTALLATION_FAILURE, "uninstall failed (injected)");
            } else if (forUpdate && state == SoftwareUpdateState.INSTALLED) {
                preparedForUpdate = true;
                setStatusReason("prepared for update");
            } else {
                generation++;
                delivered = null;
                deliveredBytes = null;
                installed = null;
                preparedForUpdate = false;
                setActive(false);
                transition(SoftwareUpdateState.INITIAL, SoftwareUpdateResult.INITIAL, "uninstalled");
            }
        }
        publishChanges();
        return ExecuteResponse.success();
    }

    private ExecuteResponse activate(boolean on) {
        synchronized (this) {
            if (state != SoftwareUpdateState.INSTALLED) {
                return ExecuteResponse.methodNotAllowed();
            }
            setActive(on);
        }
        publishChanges();
        return ExecuteResponse.success();
    }

    private boolean acceptsDelivery() {
        return state == SoftwareUpdateState.INITIAL
                || state == SoftwareUpdateState.DELIVERED
                || (state == SoftwareUpdateState.INSTALLED && preparedForUpdate);
    }

    private int startDownload() {
        generation++;
        if (pendingDownload != null) {
            pendingDownload.cancel(false);
            pendingDownload = null;
        }
        transition(SoftwareUpdateState.DOWNLOAD_STARTED, SoftwareUpdateResult.DOWNLOADING, "downloading");
        return generation;
    }

    private void downloaded(int gen, byte[] bytes) {
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            pendingDownload = null;
            if (faults.failDownload()) {
                fail(SoftwareUpdateResult.CONNECTION_LOST, "download lost (injected)");
            } else {
                transition(SoftwareUpdateState.DOWNLOADED, SoftwareUpdateResult.DOWNLOADING, "downloaded");
                ReceivedPackage pkg = PackageFormat.read(bytes);
                if (faults.corruptPackage() || !pkg.intact()) {
                    fail(SoftwareUpdateResult.INTEGRITY_CHECK_FAILURE, "integrity check failed");
                } else {
                    delivered = pkg;
                    deliveredBytes = retainPackageBytes ? bytes : null;
                    changed(PKG_NAME, PKG_VERSION);
                    transition(SoftwareUpdateState.DELIVERED, SoftwareUpdateResult.DOWNLOADED_VERIFIED, "delivered");
                }
            }
        }
        publishChanges();
    }

    private void downloadFailed(int gen, Throwable error) {
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            pendingDownload = null;
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            boolean invalidUri = cause instanceof DownloadException
                    && ((DownloadException) cause).failure() != DownloadFailure.CONNECTION_LOST;
            fail(
                    invalidUri ? SoftwareUpdateResult.INVALID_URI : SoftwareUpdateResult.CONNECTION_LOST,
                    cause.getMessage());
        }
        publishChanges();
    }

    private void installed(int gen) {
        synchronized (this) {
            if (gen != generation || state != SoftwareUpdateState.DELIVERED) {
                return;
            }
            if (faults.failInstall()) {
                setResult(SoftwareUpdateResult.INSTALLATION_FAILURE, "install failed (injected)");
            } else {
                installed = delivered;
                delivered = null;
                preparedForUpdate = false;
                setActive(false); // a freshly installed package waits for Activate
                transition(SoftwareUpdateState.INSTALLED, SoftwareUpdateResult.INSTALLED, "installed");
            }
        }
        publishChanges();
    }

    /** Failed deliveries start over from INITIAL (or stay INSTALLED when an update was being prepared). */
    private void fail(SoftwareUpdateResult reason, String why) {
        generation++;
        delivered = null;
        deliveredBytes = null;
        SoftwareUpdateState back = installed != null ? SoftwareUpdateState.INSTALLED : SoftwareUpdateState.INITIAL;
        transition(back, reason, why);
    }

    private void transition(SoftwareUpdateState newState, SoftwareUpdateResult newResult, String why) {
        if (newState != state) {
            state = newState;
            history.add(newState);
            if (history.size() > 64) {
                history.remove(0);
            }
            changed(UPDATE_STATE);
        }
        setResult(newResult, why);
    }

    private void setResult(SoftwareUpdateResult newResult, String why) {
        if (newResult != result) {
            result = newResult;
            changed(UPDATE_RESULT);
        }
        setStatusReason(why);
    }

    private void setStatusReason(String why) {
        String reason = why == null ? "" : why;
        if (!reason.equals(statusReason)) {
            statusReason = reason;
            changed(STATUS_REASON);
        }
    }

    private void setActive(boolean on) {
        if (active != on) {
            active = on;
            changed(ACTIVATION_STATE);
        }
    }

    private static URI parse(String uri) {
        if (uri == null || uri.isEmpty()) {
            return null;
        }
        try {
            URI parsed = new URI(uri);
            return parsed.getScheme() == null || parsed.getHost() == null ? null : parsed;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
