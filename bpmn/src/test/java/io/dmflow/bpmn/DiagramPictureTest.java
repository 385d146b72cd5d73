package io.dmflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/&lt;process id&gt;.svg pictures each built-in flow as it is now, and the README shows it. Drawing takes a
 * browser, so the build does not redraw them: the profile diagrams does, and each picture names the digest of the
 * BPMN it was drawn from.
 */
class DiagramPictureTest {

    private static final Pattern DRAWN_FROM = Pattern.compile("<!-- drawn from (\\S+) sha256:([0-9a-f]{64}) -->");
    private static final String REDRAW = "redraw the pictures with ./mvnw -pl bpmn -Pdiagrams generate-resources";

    static List<String> files() {
        return BuiltInFlowFiles.listed();
    }

    private static String processId(String file) {
        return file.replaceFirst("\\.bpmn$", "");
    }

    @ParameterizedTest
    @MethodSource("files")
    void thePictureWasDrawnFromTheFlowAsItIsNow(String file) throws IOException {
        Path picture = Path.of("docs", processId(file) + ".svg");
        assertThat(picture).as(file + " has no picture: " + REDRAW).exists();
        Matcher drawn = DRAWN_FROM.matcher(Files.readString(picture));

        assertThat(drawn.find())
                .as(picture + " does not say what it was drawn from")
                .isTrue();
        assertThat(drawn.group(1)).isEqualTo(file);
        assertThat(drawn.group(2))
                .as(file + " changed since " + picture + " was drawn: " + REDRAW)
                .isEqualTo(sha256(BuiltInFlowFiles.text("bpmn/" + file)));
    }

    @ParameterizedTest
    @MethodSource("files")
    void theReadmeShowsThePicture(String file) throws IOException {
        assertThat(Files.readString(Path.of("README.md"))).contains("(docs/" + processId(file) + ".svg)");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
