package io.dmflow.simulator.object.connectivity;

import io.dmflow.simulator.object.StatefulInstanceEnabler;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.response.ReadResponse;

/** Object 4, Connectivity Monitoring: an NB-IoT link whose signal strength wanders a little. */
public class ConnectivityMonitoring extends StatefulInstanceEnabler {

    static final int NETWORK_BEARER = 0;
    static final int AVAILABLE_NETWORK_BEARER = 1;
    static final int RADIO_SIGNAL_STRENGTH = 2;
    static final int LINK_QUALITY = 3;
    static final int IP_ADDRESSES = 4;
    static final int APN = 7;
    static final int CELL_ID = 8;
    static final int SMNC = 9;
    static final int SMCC = 10;

    private static final List<Integer> SUPPORTED = List.of(
            NETWORK_BEARER,
            AVAILABLE_NETWORK_BEARER,
            RADIO_SIGNAL_STRENGTH,
            LINK_QUALITY,
            IP_ADDRESSES,
            APN,
            CELL_ID,
            SMNC,
            SMCC);
    private static final long NB_IOT = 7;
    private static final long LTE_FDD = 6;

    private final String ipAddress;
    private final long cellId;
    private final Random random;
    private long signalStrength = -85; // dBm

    public ConnectivityMonitoring(String ipAddress, long seed) {
        super(0);
        this.ipAddress = ipAddress;
        this.random = new Random(seed);
        this.cellId = 10_000 + Math.floorMod(seed, 50_000);
    }

    public synchronized long signalStrength() {
        return signalStrength;
    }

    /** Moves the signal strength by a few dBm, within what a cellular modem reports; called from the fleet tick. */
    public void fluctuate() {
        synchronized (this) {
            long next = Math.max(-120, Math.min(-60, signalStrength + random.nextInt(7) - 3));
            if (next == signalStrength) {
                return;
            }
            signalStrength = next;
            changed(RADIO_SIGNAL_STRENGTH, LINK_QUALITY);
        }
        publishChanges();
    }

    @Override
    public synchronized ReadResponse read(LwM2mServer server, int resourceId) {
        switch (resourceId) {
            case NETWORK_BEARER:
                return ReadResponse.success(resourceId, NB_IOT);
            case AVAILABLE_NETWORK_BEARER:
                return ReadResponse.success(resourceId, Map.of(0, NB_IOT, 1, LTE_FDD), Type.INTEGER);
            case RADIO_SIGNAL_STRENGTH:
                return ReadResponse.success(resourceId, signalStrength);
            case LINK_QUALITY:
                return ReadResponse.success(resourceId, Math.round((signalStrength + 120) * 100.0 / 60));
            case IP_ADDRESSES:
                return ReadResponse.success(resourceId, Map.of(0, ipAddress), Type.STRING);
            case APN:
                return ReadResponse.success(resourceId, Map.of(0, "iot.dmflow.test"), Type.STRING);
            case CELL_ID:
                return ReadResponse.success(resourceId, cellId);
            case SMNC:
                return ReadResponse.success(resourceId, 1L);
            case SMCC:
                return ReadResponse.success(resourceId, 1L);
            default:
                return super.read(server, resourceId);
        }
    }

    @Override
    public List<Integer> getAvailableResourceIds(ObjectModel model) {
        return definedIn(model, SUPPORTED);
    }
}
