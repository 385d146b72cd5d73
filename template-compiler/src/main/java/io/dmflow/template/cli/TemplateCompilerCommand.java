package io.dmflow.template.cli;

import io.dmflow.contract.BuiltInProcess;
import io.dmflow.template.compile.Compilation;
import io.dmflow.template.compile.TemplateCompiler;
import io.dmflow.template.source.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code template-compiler}: compiles a task template file to BPMN, or only checks it. */
@Command(
        name = "template-compiler",
        mixinStandardHelpOptions = true,
        version = "dmflow template-compiler 0.1.0",
        description =
                "Compiles a dmflow task template (XML task language) to an executable BPMN process for Camunda 8.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compiled (or --check found no error)", "1:the template has errors", "2:usage or file error"})
public final class TemplateCompilerCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TEMPLATE", description = "the template file")
    private Path template;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "where to write the BPMN; '-' or absent: standard output")
    private String output;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "template name (process id " + BuiltInProcess.TEMPLATE_PREFIX
                    + "NAME); default: the file name without extension")
    private String name;

    @Option(
            names = "--check",
            description = "only report errors, one 'file:line:col: message' per line; exit 1 if there are any")
    private boolean check;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(
                args,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command with the given streams; what tests and embedding callers use instead of main. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new TemplateCompilerCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(template + ": cannot read the template: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? " " + e.getMessage() : ""));
            return 2;
        }
        String templateName = name != null ? name : defaultName(template);
        Compilation compilation = TemplateCompiler.compile(template.toString(), templateName, text);
        for (Diagnostic diagnostic : compilation.diagnostics()) {
            (check ? out : err).println(diagnostic.render());
        }
        if (!compilation.succeeded()) {
            return 1;
        }
        if (check) {
            return 0;
        }
        String bpmn = compilation.bpmn().orElseThrow();
        if (output == null || output.equals("-")) {
            out.print(bpmn);
            out.flush();
            return 0;
        }
        try {
            Files.writeString(Path.of(output), bpmn, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(output + ": cannot write the BPMN: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? " " + e.getMessage() : ""));
            return 2;
        }
        return 0;
    }

    static String defaultName(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.indexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
