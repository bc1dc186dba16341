package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StackTraceFilterTest {

    static String filter(java.util.function.Consumer<PrintStream> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(new StackTraceFilter(bytes), true, StandardCharsets.UTF_8)) {
            writer.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void framesAreDroppedAndTheExceptionLinesKept() {
        Exception cause = new IllegalArgumentException("the cause");
        String text = filter(out -> {
            out.println("ERROR : bundle test.boom : activate failed");
            new IllegalStateException("boom", cause).printStackTrace(out);
            out.println("after");
        });

        assertEquals("ERROR : bundle test.boom : activate failed\njava.lang.IllegalStateException: boom\n"
                + "Caused by: java.lang.IllegalArgumentException: the cause\nafter\n", text);
    }

    @Test
    void otherTextPassesAtOnceEvenIndentedOrWithoutANewline() {
        String text = filter(out -> {
            out.print("\rsweep: 3/6");
            out.print("  at most 5 left\n\tattention\n    ...and more\n");
        });

        assertEquals("\rsweep: 3/6  at most 5 left\n\tattention\n    ...and more\n", text);
    }
}
