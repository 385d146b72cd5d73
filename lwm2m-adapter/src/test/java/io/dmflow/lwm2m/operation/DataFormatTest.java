package io.dmflow.lwm2m.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The data formats flows name, and the CoAP numbers devices see for them. */
class DataFormatTest {

    @Test
    void aFlowNamesAFormatByItsNameInAnyCaseOrByItsNumber() {
        assertThat(DataFormat.parse("senml-json")).isEqualTo(DataFormat.SENML_JSON);
        assertThat(DataFormat.parse("SENML_CBOR")).isEqualTo(DataFormat.SENML_CBOR);
        assertThat(DataFormat.parse("tlv")).isEqualTo(DataFormat.TLV);
        assertThat(DataFormat.parse("11542")).isEqualTo(DataFormat.TLV);
        assertThat(DataFormat.parse(" 0 ")).isEqualTo(DataFormat.TEXT);
    }

    @Test
    void aFormatLwm2mDoesNotDefineIsRefused() {
        assertThatThrownBy(() -> DataFormat.parse("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xml");
        assertThatThrownBy(() -> DataFormat.parse("4711")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(DataFormat.class)
    void everyFormatIsTheOneLeshanKnowsByTheSameNumberAndName(DataFormat format) {
        ContentFormat leshan = ContentFormat.fromCode(format.code());
        assertThat(leshan.getName()).isEqualTo(format.name());
    }
}
