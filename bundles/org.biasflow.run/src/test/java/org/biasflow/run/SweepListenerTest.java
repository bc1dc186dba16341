package org.biasflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SweepListenerTest {

    /** Tests run without a terminal, as a sweep whose output goes to a log or a pipe does. */
    @Test
    void withoutATerminalProgressIsALineAtEachTenth() {
        assertNull(System.console());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SweepListener listener = SweepListener.progressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        for (int done = 1; done <= 26; done++) {
            listener.trajectoryDone(done, 26, done * 0.5);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("\r"), printed);
        String[] lines = printed.split("\n");
        assertEquals(10, lines.length, printed);
        assertEquals("sweep: 3/26 trajectories, 2 s elapsed, about 12 s left", lines[0]);
        assertEquals("sweep: 26/26 trajectories, 13 s elapsed, about 0 s left", lines[9]);
    }
}
