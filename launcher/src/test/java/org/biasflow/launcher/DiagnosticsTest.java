package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

class DiagnosticsTest {

    @Test
    void wrappersThatSayNothingAreTakenOff() {
        Exception failure = new InvocationTargetException(new ExecutionException(new IllegalStateException("real")));

        assertEquals("real", Diagnostics.describe(failure));
    }

    @Test
    void anUncheckedIoFailureKeepsTheFileAndWhatWasDoneWhenItSaysThem() {
        java.io.IOException full = new java.io.IOException("No space left on device");
        Exception explained = new InvocationTargetException(new java.io.UncheckedIOException(
                "cannot write /out/run.json: the disk is full (No space left on device)", full));
        Exception bare = new InvocationTargetException(new java.io.UncheckedIOException(
                new AccessDeniedException("/out/run.json")));

        assertEquals("cannot write /out/run.json: the disk is full (No space left on device)",
                Diagnostics.describe(explained));
        assertEquals("/out/run.json: permission denied", Diagnostics.describe(bare));
    }

    @Test
    void outOfMemoryAndStackOverflowBehindReflectionAreNamedWithAHint() {
        String memory = Diagnostics.describe(new InvocationTargetException(new OutOfMemoryError("Java heap space")));
        StackOverflowError overflow = new StackOverflowError();
        overflow.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.example.Loss", "value", "Loss.java", 12) });
        String stack = Diagnostics.describe(new InvocationTargetException(overflow),
                name -> name.startsWith("org.example.") ? "org.example.losses 1.0.0" : null);

        assertTrue(memory.startsWith("out of memory (Java heap space)") && memory.contains("-Xmx"), memory);
        assertTrue(stack.startsWith("stack overflow in org.example.Loss.value (bundle org.example.losses 1.0.0)")
                && stack.contains("-Xss"), stack);
    }

    @Test
    void ioFailuresSayWhy() {
        assertEquals("permission denied", Diagnostics.reason(new AccessDeniedException("/x")));
        assertEquals("it is not UTF-8 text", Diagnostics.reason(new java.nio.charset.MalformedInputException(1)));
        assertEquals("read-only file system", Diagnostics.reason(new FileSystemException("/x", null,
                "Read-only file system")));
    }
}
