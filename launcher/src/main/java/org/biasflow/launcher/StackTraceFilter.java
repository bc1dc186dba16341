package org.biasflow.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Keeps Java stack frames ({@code \tat a.B.c(B.java:1)}, {@code \t... 12 more}) out of what users read: bundles,
 * the framework and Declarative Services print whole stack traces on stderr, and without {@code --debug} only the
 * lines naming each exception and its message get through. Other text passes unchanged and at once; only a line
 * that starts as a frame would is held until its end decides.
 */
final class StackTraceFilter extends OutputStream {
    private static final Pattern FRAME = Pattern.compile(
            "\\s+(at \\S+\\(.*\\)|at \\S+|\\.\\.\\. \\d+ (more|common frames omitted))\\r?");

    private final OutputStream out;
    /** The held start of the current line, while it may still be a frame. */
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private boolean passing;
    private int dropped;

    StackTraceFilter(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (passing) {
            out.write(b);
            if (b == '\n') {
                passing = false;
            }
            return;
        }
        held.write(b);
        if (b == '\n') {
            String line = held.toString(StandardCharsets.UTF_8);
            held.reset();
            if (FRAME.matcher(line.substring(0, line.length() - 1)).matches()) {
                dropped++;
            } else {
                out.write(line.getBytes(StandardCharsets.UTF_8));
            }
        } else if (!mayBeFrame(held.toString(StandardCharsets.UTF_8))) {
            held.writeTo(out);
            held.reset();
            passing = true;
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** Whether the start of a line could still become a frame line: white space, then "at " or "...". */
    private static boolean mayBeFrame(String start) {
        int i = 0;
        while (i < start.length() && (start.charAt(i) == ' ' || start.charAt(i) == '\t')) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        String rest = start.substring(i);
        return "at ".startsWith(rest) || rest.startsWith("at ") || "...".startsWith(rest) || rest.startsWith("...");
    }

    /** How many frame lines were kept out so far. */
    synchronized int dropped() {
        return dropped;
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        held.writeTo(out);
        held.reset();
        out.close();
    }
}
