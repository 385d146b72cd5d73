package io.dmflow.lwm2m.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmflow.lwm2m.model.ObjectModels;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyResolverTest {

    private final KeyResolver resolver = new KeyResolver(ObjectModels.bundled().model());

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/3/0/0|/3/0/0",
                "3/0/0|/3/0/0",
                "3.0.0|/3/0/0",
                "/3|/3",
                "/3/0|/3/0",
                "/3/0/11/0|/3/0/11/0",
                "Device.0.Manufacturer|/3/0/0",
                "device.0.manufacturer|/3/0/0",
                "Device.0.Firmware Version|/3/0/3",
                "Device.0.Error Code.0|/3/0/11/0",
                "Device|/3",
                "Device.0|/3/0",
                "Firmware Update.0.State|/5/0/3",
                "Firmware Update.0.Package URI|/5/0/1",
                "LwM2M Server.1.Lifetime|/1/1/1",
                "Temperature.0.Sensor Value|/3303/0/5700",
                "LWM2M Software Management.2.Update State|/9/2/7",
                "Device.0.9|/3/0/9"
            })
    void resolvesPathsAndNames(String key, String path) {
        assertThat(resolver.resolve(key)).isEqualTo(new LwM2mPath(path));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Device.0.Colour",
                "Devices.0.Manufacturer",
                "/4242/0/0",
                "/3/0/999",
                "Device.x.Manufacturer",
                "Firmware Update.0",
                ""
            })
    void unknownKeysAreNamedInTheError(String key) {
        if (key.equals("Firmware Update.0")) {
            // an instance key is valid
            assertThat(resolver.resolve(key)).isEqualTo(new LwM2mPath(5, 0));
            return;
        }
        assertThatThrownBy(() -> resolver.resolve(key))
                .isInstanceOf(UnknownKeyException.class)
                .hasMessageContaining("'" + key + "'");
    }
}
