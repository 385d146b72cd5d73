package io.dmflow.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.simulator.testing.TestLwM2mServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorCommandTest {

    @Test
    void registersTheFleetReportsAndDeregistersWhenDone() {
        try (TestLwM2mServer server = TestLwM2mServer.start()) {
            StringWriter output = new StringWriter();
            int exit = new CommandLine(new SimulatorCommand(new PrintWriter(output, true)))
                    .execute(
                            "--server",
                            server.coapUri(),
                            "--count",
                            "20",
                            "--prefix",
                            "cli-",
                            "--duration",
                            "3",
                            "--report-every",
                            "1");

            assertThat(exit).isZero();
            assertThat(output.toString()).contains("all 20 registered in").contains("deregistering 20 devices");
            assertThat(server.registrationCount()).isZero();
        }
    }

    @Test
    void refusesAMissingServer() {
        StringWriter errors = new StringWriter();
        CommandLine command = new CommandLine(new SimulatorCommand(new PrintWriter(new StringWriter())));
        command.setErr(new PrintWriter(errors, true));

        assertThat(command.execute("--count", "2")).isNotZero();
        assertThat(errors.toString()).contains("--server");
    }
}
