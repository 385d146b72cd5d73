package io.dmflow.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.leshan.core.model.ObjectModel;
import org.junit.jupiter.api.Test;

class ObjectModelsTest {

    @Test
    void shippedModelsPassLeshanValidation() {
        for (String file : ObjectModels.SHIPPED_DDF) {
            assertThat(ObjectModels.loadShipped(file)).hasSize(1);
        }
    }

    @Test
    void sharedModelHasEverySimulatedObject() {
        for (int id : new int[] { 0, 1, 3, 4, 5, 6, 9, 3303 }) {
            assertThat(ObjectModels.shared().getObjectModel(id)).as("object %d", id).isNotNull();
        }
        ObjectModel temperature = ObjectModels.shared().getObjectModel(3303);
        assertThat(temperature.name).isEqualTo("Temperature");
        assertThat(temperature.resources.get(5700).name).isEqualTo("Sensor Value");
        assertThat(ObjectModels.shared().getObjectModel(9).resources.get(7).name).isEqualTo("Update State");
    }
}
