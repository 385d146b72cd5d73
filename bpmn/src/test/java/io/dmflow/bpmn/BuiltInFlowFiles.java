package io.dmflow.bpmn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The module's BPMN files, as the application finds them: through bpmn/flows.list on the classpath. */
final class BuiltInFlowFiles {

    private BuiltInFlowFiles() {}

    /** The files the list names, in its order. */
    static List<String> listed() {
        return text("bpmn/flows.list")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    /** The .bpmn files the folder holds. */
    static List<String> present() {
        try (Stream<Path> files = Files.list(Path.of(BuiltInFlowFiles.class
                        .getClassLoader()
                        .getResource("bpmn/flows.list")
                        .toURI())
                .getParent())) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".bpmn"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String resource) {
        try (InputStream in = BuiltInFlowFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
