package io.dmflow.lwm2m.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectModelsTest {

    @Test
    void knowsTheCoreObjectsSoftwareManagementAndTemperature() {
        var model = ObjectModels.bundled().model();
        assertThat(model.getObjectModel(3).name).isEqualTo("Device");
        assertThat(model.getObjectModel(5).resources.get(3).name).isEqualTo("State");
        assertThat(model.getObjectModel(9).resources.get(4).name).isEqualTo("Install");
        assertThat(model.getObjectModel(3303).resources.get(5700).name).isEqualTo("Sensor Value");
    }

    @Test
    void knowsEveryVersionLwM2m11DevicesAnnounce() {
        var versions = ObjectModels.bundled().objects().stream()
                .map(object -> object.id + ":" + object.version)
                .toList();
        assertThat(versions)
                .contains("3:1.0", "3:1.1", "3:1.2", "4:1.2", "4:1.3", "5:1.0", "5:1.1", "3303:1.0", "3303:1.1");
    }

    @Test
    void aDevicesModelHasTheVersionsItImplements() {
        var model = ObjectModels.bundled().model(Map.of(3303, "1.0", 5, "1.0"));
        assertThat(model.getObjectModel(3303).version).isEqualTo("1.0");
        assertThat(model.getObjectModel(3303).resources).containsKey(5700).doesNotContainKey(5518);
        assertThat(model.getObjectModel(5).version).isEqualTo("1.0");
        assertThat(model.getObjectModel(3).version).isEqualTo("1.2");
        assertThat(ObjectModels.bundled().model().getObjectModel(3303).version).isEqualTo("1.1");
        assertThatThrownBy(() -> ObjectModels.bundled().model(Map.of(5, "0.9")))
                .hasMessageContaining("object 5 version 0.9")
                .hasMessageContaining("1.1");
    }

    @Test
    void anOperatorsFolderAddsObjects(@TempDir Path folder) throws IOException {
        String ddf = Files.readString(Path.of("src/main/resources/models/3303.xml"))
                .replace("<ObjectID>3303</ObjectID>", "<ObjectID>33030</ObjectID>")
                .replace("<Name>Temperature</Name>", "<Name>Cold Room Temperature</Name>")
                .replace("urn:oma:lwm2m:ext:3303:1.1", "urn:oma:lwm2m:x:33030:1.1");
        Files.writeString(folder.resolve("33030.xml"), ddf);
        var models = ObjectModels.withDirectory(folder);
        assertThat(models.model().getObjectModel(33030).name).isEqualTo("Cold Room Temperature");
        assertThat(models.model().getObjectModel(3303).name).isEqualTo("Temperature");
    }

    @Test
    void aMissingFolderIsAClearError(@TempDir Path folder) {
        assertThatThrownBy(() -> ObjectModels.withDirectory(folder.resolve("nope")))
                .hasMessageContaining("No folder of object models")
                .hasMessageContaining("nope");
    }
}
