package io.dmflow.template.compile;

import io.dmflow.template.support.ProcessWalker;
import io.dmflow.template.support.TemplateFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared setup: what the two seed templates do, run end to end on their compiled BPMN with FEEL evaluated by feel-engine. */
abstract class SeedBehaviour {

    static final String KEY = "Device.Configuration.0.Full Config";

    static String bpmn(String name) {
        return TemplateCompiler.compile(name + ".xml", name, TemplateFiles.read("templates/" + name + ".xml"))
                .bpmn()
                .orElseThrow();
    }

    static Map<String, Object> device(Map<String, Object> properties) {
        Map<String, Object> device = new HashMap<>();
        device.put("endpoint", "dev-1");
        device.put("id", "17");
        device.put("softwareVersion", "2.0.1");
        device.put("properties", properties);
        device.put("groups", List.of("root"));
        return device;
    }

    static Map<String, Object> task(Map<String, Object> properties) {
        return Map.of("id", "t1", "name", "backup", "properties", properties);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deviceProperties(ProcessWalker walker) {
        return (Map<String, Object>) ((Map<String, Object>) walker.variables().get("device")).get("properties");
    }
}
