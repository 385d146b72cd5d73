package io.dmflow.template.compile;

import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.source.Diagnostics;
import java.util.regex.Pattern;

/**
 * The key forms a device step accepts: LwM2M paths ({@code /3/0/0}, {@code 3/0/0}) and data-model names
 * ({@code Device.0.Manufacturer}, {@code Device.Configuration.0.Full Config}). Keys written with
 * {@code ${}} are checked by the worker at run time.
 */
final class DeviceKeys {

    private static final Pattern PATH = Pattern.compile("/?\\d+(/\\d+){0,3}");
    private static final Pattern NAME = Pattern.compile("[^./][^/]*?\\.\\d+(\\.[^.]+(\\.\\d+)?)?");

    private DeviceKeys() {}

    static boolean check(TemplateValue key, String tag, Diagnostics diagnostics) {
        if (!key.plainText()) {
            return true;
        }
        String text = key.text().strip();
        if (PATH.matcher(text).matches() || NAME.matcher(text).matches()) {
            return true;
        }
        diagnostics.error(
                key.source().positionOf(0),
                "'" + text + "' is not a key of <" + tag
                        + ">: write an LwM2M path such as /3/0/0 or a name such as Device.0.Manufacturer");
        return false;
    }
}
