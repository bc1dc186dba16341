package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that fails while the program stops (SIGTERM as a sweep starts: its model has already left) is reported
 * as stopped, not by the failure the stop caused.
 */
class StoppingPromptIT {

    @TempDir
    Path folder;

    @Test
    void aFailureDuringTheStopIsReportedAsTheStop() throws Exception {
        TestShell shell = new TestShell(folder);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
        Prompt prompt = new Prompt(shell.framework, stream, stream, new Diagnostics(stream, false));
        String statement = "bf:sweep --data d.csv --out s";
        IllegalStateException gone = new IllegalStateException("unknown model 'diagonal'; registered: none");

        assertEquals("unknown model 'diagonal'; registered: none", prompt.describe(statement, gone));
        assertEquals("cancelled", prompt.describe(statement, new InterruptedException()));

        shell.close();

        assertEquals("cancelled: the program is stopping (Ctrl-C, SIGINT, SIGTERM or SIGHUP), and bf:sweep ended with:"
                + " unknown model 'diagonal'; registered: none", prompt.describe(statement, gone));
        assertEquals("cancelled: the program is stopping (Ctrl-C, SIGINT, SIGTERM or SIGHUP)",
                prompt.describe(statement, new InterruptedException()));
        assertEquals("cancelled: 12 of 18 trajectories", prompt.describe(statement,
                new IllegalStateException("cancelled: 12 of 18 trajectories")), "its own account of the stop stays");
    }
}
