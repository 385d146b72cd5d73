package io.dmflow.simulator.object.location;

import io.dmflow.simulator.object.StatefulInstanceEnabler;
import java.util.Date;
import java.util.List;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.response.ReadResponse;

/** Object 6, Location: where the device is, movable from tests. */
public class Location extends StatefulInstanceEnabler {

    static final int LATITUDE = 0;
    static final int LONGITUDE = 1;
    static final int ALTITUDE = 2;
    static final int RADIUS = 3;
    static final int TIMESTAMP = 5;
    static final int SPEED = 6;

    private static final List<Integer> SUPPORTED = List.of(LATITUDE, LONGITUDE, ALTITUDE, RADIUS, TIMESTAMP, SPEED);

    private double latitude;
    private double longitude;
    private double altitude = 100;
    private Date timestamp = new Date();

    public Location(double latitude, double longitude) {
        super(0);
        this.latitude = latitude;
        this.longitude = longitude;
    }

    public synchronized double latitude() {
        return latitude;
    }

    public synchronized double longitude() {
        return longitude;
    }

    public void moveTo(double newLatitude, double newLongitude) {
        synchronized (this) {
            latitude = newLatitude;
            longitude = newLongitude;
            timestamp = new Date();
            changed(LATITUDE, LONGITUDE, TIMESTAMP);
        }
        publishChanges();
    }

    @Override
    public synchronized ReadResponse read(LwM2mServer server, int resourceId) {
        switch (resourceId) {
            case LATITUDE:
                return ReadResponse.success(resourceId, latitude);
            case LONGITUDE:
                return ReadResponse.success(resourceId, longitude);
            case ALTITUDE:
                return ReadResponse.success(resourceId, altitude);
            case RADIUS:
                return ReadResponse.success(resourceId, 25.0);
            case TIMESTAMP:
                return ReadResponse.success(resourceId, timestamp);
            case SPEED:
                return ReadResponse.success(resourceId, 0.0);
            default:
                return super.read(server, resourceId);
        }
    }

    @Override
    public List<Integer> getAvailableResourceIds(ObjectModel model) {
        return definedIn(model, SUPPORTED);
    }
}
