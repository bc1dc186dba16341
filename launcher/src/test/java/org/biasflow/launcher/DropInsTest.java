package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Jars put into the drop-in folder after start-up are judged as those found at start are. */
@Timeout(30)
class DropInsTest {
    @TempDir
    Path folder;

    @Test
    void aJarPutInAfterStartUpThatIsNotABundleIsNamedOnce() throws Exception {
        Files.writeString(folder.resolve("judged-at-start.jar"), "not a jar either");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Diagnostics diagnostics = new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8), false);
        Thread watcher = DropIns.watch(folder, diagnostics);
        try {
            Files.writeString(folder.resolve("truncated.jar"), "PK");
            while (!err.toString(StandardCharsets.UTF_8).contains("truncated.jar")) {
                Thread.sleep(50);
            }
            Thread.sleep(2_500);
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        String[] notes = err.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        assertEquals(1, notes.length, "once, and not the jar judged at start: " + String.join(" | ", notes));
        assertTrue(notes[0].startsWith("biasflow: " + folder.resolve("truncated.jar") + " is not used: it is not a"
                + " readable jar"), notes[0]);
    }
}
