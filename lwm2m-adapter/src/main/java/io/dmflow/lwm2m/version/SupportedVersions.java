package io.dmflow.lwm2m.version;

import java.util.Arrays;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.LwM2m.Version;

/**
 * The LwM2M versions dmflow serves: those its Leshan management server implements (1.0 and 1.1 at 2.0.0-M18). The
 * bootstrap server applies the same rule, so a device is never bootstrapped towards a server that then refuses it.
 */
public final class SupportedVersions {

    /** What both servers answer a device announcing another version (the management server: Leshan's own). */
    public static final ResponseCode REFUSAL = ResponseCode.PRECONDITION_FAILED;

    private static final List<String> SUPPORTED = Arrays.stream(
                    new LwM2mVersion[] {LwM2mVersion.V1_0, LwM2mVersion.V1_1})
            .filter(LwM2mVersion::isSupported)
            .map(Version::toString)
            .toList();

    private SupportedVersions() {}

    /** True for a well-formed version ({@code major.minor}) dmflow does not serve; false for a supported or garbled one. */
    public static boolean isUnsupported(String version) {
        return Version.validate(version) == null && !LwM2mVersion.isSupported(version);
    }

    /** E.g. {@code "1.0, 1.1"}. */
    public static String supported() {
        return String.join(", ", SUPPORTED);
    }

    /** The reason given to a device and the log. */
    public static String refusal(String version) {
        return "LwM2M " + version + " is not supported (dmflow supports " + supported() + ")";
    }
}
