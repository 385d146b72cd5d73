package io.dmflow.template.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.template.support.BpmnChecks;
import io.dmflow.template.support.TemplateFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: compile to a file or stdout, or only check. */
class TemplateCompilerCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return TemplateCompilerCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path template(String fileName, String text) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void compilesToABpmnFileNamedByTheTemplate() throws IOException {
        Path file = template("customRestoreTask.xml", TemplateFiles.read("templates/customRestoreTask.xml"));
        Path output = dir.resolve("restore.bpmn");

        assertThat(run(file.toString(), "-o", output.toString())).isZero();

        String bpmn = Files.readString(output);
        assertThat(bpmn).contains("<bpmn:process id=\"template-customRestoreTask\"");
        assertThat(BpmnChecks.errors(bpmn)).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void writesToStandardOutputWithoutOutputFile() throws IOException {
        Path file = template("hello.xml", "<config><log message=\"hello\"/></config>");

        assertThat(run(file.toString(), "--name", "greeting")).isZero();

        assertThat(out.toString()).startsWith("<?xml").contains("id=\"template-greeting\"");
    }

    @Test
    void checkReportsOneLinePerErrorAndExitsOne() throws IOException {
        Path file = template("bad.xml", "<config>\n  <reboot/>\n  <log message=\"${#nope}\"/>\n</config>\n");

        assertThat(run("--check", file.toString())).isEqualTo(1);

        assertThat(out.toString().lines())
                .containsExactly(
                        file
                                + ":2:3: unknown tag <reboot> (known: add, cancelAllObserves, delete, editResource, execute, finish, foreach, get, "
                                + "if, log, lwm2mBestEffortGet, lwm2mBootstrap, lwm2mBootstrapConfiguration, lwm2mFirmwareUpdate, "
                                + "lwm2mSoftwareActivation, lwm2mSoftwareManagement, observe, readResource, set, setAttributes, store, wait, while)",
                        file
                                + ":3:19: unknown variable #nope: no store, get, readResource or foreach of this template sets it");
        assertThat(err.toString()).doesNotContain("Exception");
    }

    @Test
    void checkOfAGoodTemplateExitsZeroAndWritesNoBpmn() throws IOException {
        Path file = template("customBackupTask.xml", TemplateFiles.read("templates/customBackupTask.xml"));

        assertThat(run("--check", file.toString())).isZero();

        assertThat(out.toString()).doesNotContain("<?xml").contains("warning: <if> is not closed");
    }

    @Test
    void compileErrorsGoToStandardErrorWithExitOne() throws IOException {
        Path file = template("broken.xml", "<config><log message=\"${1 +}\"/></config>");

        assertThat(run(file.toString())).isEqualTo(1);

        assertThat(err.toString().strip()).isEqualTo(file + ":1:28: expected a value, found the end of the expression");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThat(run(dir.resolve("nope.xml").toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("nope.xml: cannot read the template")
                .doesNotContain("\tat ");
    }
}
