package io.dmflow.lwm2m.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.lwm2m.operation.DownlinkFailure.Reason;
import java.util.concurrent.CompletionException;
import org.eclipse.leshan.core.request.exception.ClientSleepingException;
import org.eclipse.leshan.core.request.exception.InvalidRequestException;
import org.eclipse.leshan.core.request.exception.InvalidResponseException;
import org.eclipse.leshan.core.request.exception.RequestCanceledException;
import org.eclipse.leshan.core.request.exception.SendFailedException;
import org.eclipse.leshan.core.request.exception.TimeoutException;
import org.eclipse.leshan.core.request.exception.UnconnectedPeerException;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.junit.jupiter.api.Test;

/**
 * Which class of failure each of Leshan's exceptions becomes; the ones a device can cause are also met
 * for real over UDP in {@link DeviceOperationsTest}.
 */
class FailureTranslationTest {

    private static OperationFailure translate(Throwable error) {
        return FailureTranslation.translate("dev-1", "Read /3/0/0", error);
    }

    private static Reason downlink(Throwable error) {
        OperationFailure failure = translate(error);
        assertThat(failure).isInstanceOf(DownlinkFailure.class);
        assertThat(failure.endpoint()).isEqualTo("dev-1");
        return ((DownlinkFailure) failure).reason();
    }

    @Test
    void whatKeepsARequestFromTheDeviceIsADownlinkFailure() {
        assertThat(downlink(new ClientSleepingException("asleep"))).isEqualTo(Reason.SLEEPING);
        assertThat(downlink(new TimeoutException(TimeoutException.Type.RESPONSE_TIMEOUT, "late")))
                .isEqualTo(Reason.TIMEOUT);
        assertThat(downlink(new SendFailedException("no route"))).isEqualTo(Reason.UNREACHABLE);
        assertThat(downlink(new UnconnectedPeerException("no DTLS session"))).isEqualTo(Reason.UNREACHABLE);
        assertThat(downlink(new RequestCanceledException("deregistered"))).isEqualTo(Reason.UNREACHABLE);
        assertThat(downlink(new CompletionException(new ClientSleepingException("asleep"))))
                .isEqualTo(Reason.SLEEPING);
    }

    @Test
    void aRequestThatCannotBeBuiltIsInvalidAndAnythingElseIsDmflowsOwnFault() {
        assertThat(translate(new InvalidRequestException("bad path")))
                .isInstanceOf(InvalidOperation.class)
                .hasMessageContaining("bad path");
        OperationFailure own = translate(new IllegalStateException("endpoint stopped"));
        assertThat(own)
                .isInstanceOf(AdapterFault.class)
                .hasMessageContaining("Read /3/0/0")
                .hasMessageContaining("endpoint stopped");
        assertThat(own.getCause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAnswerThatCannotBeDecodedIsTheDevicesErrorAnswer() {
        OperationFailure failure = translate(new InvalidResponseException("Unable to decode response payload"));
        assertThat(failure).isInstanceOf(DeviceErrorResponse.class).hasMessageContaining("cannot be read");
        assertThat(((DeviceErrorResponse) failure).status()).isEqualTo(DeviceErrorResponse.UNREADABLE_ANSWER);
    }

    @Test
    void aDeviceThatDoesNotKnowThisServerIsReachedAgainAtItsNextRegistration() {
        // Leshan's client answers so between stopping and registering again, e.g. around a firmware reboot: it acted
        // on nothing, so the request is worth sending again once the device has registered.
        OperationFailure failure =
                FailureTranslation.refusal("dev-1", "Read /5/0/5", ReadResponse.internalServerError("unknown server"));
        assertThat(failure).isInstanceOf(DownlinkFailure.class).hasMessageContaining("Read /5/0/5");
        assertThat(((DownlinkFailure) failure).reason()).isEqualTo(Reason.SERVER_UNKNOWN);
    }

    @Test
    void anyOtherErrorAnswerIsTheDevicesFinalWord() {
        OperationFailure internal =
                FailureTranslation.refusal("dev-1", "Read /5/0/5", ReadResponse.internalServerError("flash failed"));
        assertThat(internal).isInstanceOf(DeviceErrorResponse.class).hasMessageContaining("flash failed");
        assertThat(((DeviceErrorResponse) internal).status()).isEqualTo("INTERNAL_SERVER_ERROR");
        OperationFailure refused =
                FailureTranslation.refusal("dev-1", "Execute /5/0/2", ExecuteResponse.methodNotAllowed());
        assertThat(((DeviceErrorResponse) refused).status()).isEqualTo("METHOD_NOT_ALLOWED");
    }
}
