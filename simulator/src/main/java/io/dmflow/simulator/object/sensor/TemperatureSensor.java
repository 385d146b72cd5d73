package io.dmflow.simulator.object.sensor;

import io.dmflow.simulator.object.StatefulInstanceEnabler;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;

/**
 * IPSO Temperature (3303): a reading that takes a small random walk on every fleet tick, so observations with pmin,
 * pmax, gt, lt and st have something to react to. Tests can also {@link #set(double)} a value to cross a threshold.
 */
public class TemperatureSensor extends StatefulInstanceEnabler {

    public static final int OBJECT_ID = 3303;

    static final int SENSOR_VALUE = 5700;
    static final int MIN_MEASURED = 5601;
    static final int MAX_MEASURED = 5602;
    static final int MIN_RANGE = 5603;
    static final int MAX_RANGE = 5604;
    static final int SENSOR_UNITS = 5701;
    static final int RESET_MIN_MAX = 5605;
    static final int APPLICATION_TYPE = 5750;
    static final int TIMESTAMP = 5518;

    private static final List<Integer> SUPPORTED = List.of(
            SENSOR_VALUE,
            MIN_MEASURED,
            MAX_MEASURED,
            MIN_RANGE,
            MAX_RANGE,
            SENSOR_UNITS,
            RESET_MIN_MAX,
            APPLICATION_TYPE,
            TIMESTAMP);
    private static final double RANGE_MIN = -40;
    private static final double RANGE_MAX = 85;

    private final Random random;
    private double value;
    private double min;
    private double max;
    private Date timestamp = new Date();
    private String applicationType = "Indoor";

    public TemperatureSensor(double initial, long seed) {
        super(0);
        this.random = new Random(seed);
        this.value = initial;
        this.min = initial;
        this.max = initial;
    }

    public synchronized double value() {
        return value;
    }

    /** Moves the reading by up to ±0.5 °C; called from the fleet's sensor tick. */
    public void tick() {
        double next;
        synchronized (this) {
            next = value + (random.nextDouble() - 0.5);
        }
        set(next);
    }

    /** Sets the reading, e.g. to cross an observation threshold in a test. */
    public void set(double celsius) {
        synchronized (this) {
            double bounded = Math.max(RANGE_MIN, Math.min(RANGE_MAX, celsius));
            value = Math.round(bounded * 100) / 100.0; // two decimals, like a real sensor's resolution
            timestamp = new Date();
            changed(SENSOR_VALUE, TIMESTAMP);
            if (value < min) {
                min = value;
                changed(MIN_MEASURED);
            }
            if (value > max) {
                max = value;
                changed(MAX_MEASURED);
            }
        }
        publishChanges();
    }

    @Override
    public synchronized ReadResponse read(LwM2mServer server, int resourceId) {
        switch (resourceId) {
            case SENSOR_VALUE:
                return ReadResponse.success(resourceId, value);
            case MIN_MEASURED:
                return ReadResponse.success(resourceId, min);
            case MAX_MEASURED:
                return ReadResponse.success(resourceId, max);
            case MIN_RANGE:
                return ReadResponse.success(resourceId, RANGE_MIN);
            case MAX_RANGE:
                return ReadResponse.success(resourceId, RANGE_MAX);
            case SENSOR_UNITS:
                return ReadResponse.success(resourceId, "Cel");
            case APPLICATION_TYPE:
                return ReadResponse.success(resourceId, applicationType);
            case TIMESTAMP:
                return ReadResponse.success(resourceId, timestamp);
            default:
                return super.read(server, resourceId);
        }
    }

    @Override
    public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
        if (resourceId != APPLICATION_TYPE) {
            return super.write(server, replace, resourceId, value);
        }
        synchronized (this) {
            applicationType = (String) value.getValue();
            changed(APPLICATION_TYPE);
        }
        publishChanges();
        return WriteResponse.success();
    }

    @Override
    public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
        if (resourceId != RESET_MIN_MAX) {
            return super.execute(server, resourceId, arguments);
        }
        synchronized (this) {
            min = value;
            max = value;
            changed(MIN_MEASURED, MAX_MEASURED);
        }
        publishChanges();
        return ExecuteResponse.success();
    }

    @Override
    public List<Integer> getAvailableResourceIds(ObjectModel model) {
        return definedIn(model, SUPPORTED);
    }
}
