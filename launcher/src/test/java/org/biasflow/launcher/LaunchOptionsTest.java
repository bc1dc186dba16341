package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void repeatedCommandsKeepTheirOrder() {
        LaunchOptions options = LaunchOptions.parse("-c", "bf:services", "--load", "drop", "-c", "lb");

        assertEquals(List.of("bf:services", "lb"), options.commands());
        assertEquals(Path.of("drop"), options.loadDirectory());
        assertNull(options.script());
    }

    @Test
    void aBareArgumentIsAScript() {
        LaunchOptions options = LaunchOptions.parse("job.gosh");

        assertEquals(Path.of("job.gosh"), options.script());
        assertEquals(Path.of("load"), options.loadDirectory());
    }

    @Test
    void mistakesAreExplainedWithTheUsage() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse("-c"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse("--verbose"));

        assertTrue(missing.getMessage().startsWith("-c needs a value"));
        assertTrue(unknown.getMessage().startsWith("unexpected argument '--verbose'"));
        assertTrue(unknown.getMessage().contains("usage: java -jar biasflow.jar"));
    }
}
