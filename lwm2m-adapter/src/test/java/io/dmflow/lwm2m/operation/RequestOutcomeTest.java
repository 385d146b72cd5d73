package io.dmflow.lwm2m.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.DeleteRequest;
import org.eclipse.leshan.core.request.ReadCompositeRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.exception.InvalidRequestException;
import org.eclipse.leshan.core.request.exception.TimeoutException;
import org.junit.jupiter.api.Test;

/** What request listeners are told: the outcome of each kind of failure, and the operation's name. */
class RequestOutcomeTest {

    @Test
    void eachFailureHasItsOutcome() {
        assertThat(RequestOutcome.of(null)).isEqualTo(RequestOutcome.SUCCESS);
        assertThat(RequestOutcome.of(new CompletionException(
                        new DeviceErrorResponse("dev-1", "Read /3/0/5", ResponseCode.NOT_FOUND, null))))
                .isEqualTo(RequestOutcome.DEVICE_ERROR);
        assertThat(RequestOutcome.of(new TimeoutException(TimeoutException.Type.RESPONSE_TIMEOUT, "late")))
                .isEqualTo(RequestOutcome.DOWNLINK_FAILURE);
        assertThat(RequestOutcome.of(new InvalidRequestException("bad"))).isEqualTo(RequestOutcome.INVALID);
        assertThat(RequestOutcome.of(new IllegalStateException("bug"))).isEqualTo(RequestOutcome.FAULT);
        assertThat(RequestOutcome.DOWNLINK_FAILURE.wireName()).isEqualTo("downlink_failure");
    }

    @Test
    void operationsAreNamedAsTheJobTypesNameThem() {
        assertThat(Downlink.operationName(new ReadRequest(3, 0, 0))).isEqualTo("read");
        assertThat(Downlink.operationName(new DeleteRequest("/3/0"))).isEqualTo("delete");
        assertThat(Downlink.operationName(new ReadCompositeRequest(
                        List.of(new LwM2mPath("/3/0/0")), ContentFormat.SENML_JSON, ContentFormat.SENML_JSON, null)))
                .isEqualTo("read-composite");
    }
}
