package org.biasflow.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * How the launcher tells the user what went wrong: one line each on stderr, naming the cause and, where there is
 * one, the cure. Stack traces only with {@code --debug}.
 */
final class Diagnostics {
    private final PrintStream err;
    final boolean debug;

    Diagnostics(PrintStream err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    /** A line the user should see. */
    void note(String message) {
        err.println("biasflow: " + message);
    }

    /** A line only {@code --debug} shows. */
    void detail(String message) {
        if (debug) {
            note(message);
        }
    }

    /** The stack trace, with {@code --debug}. */
    void trace(Throwable failure) {
        if (debug) {
            failure.printStackTrace(err);
        }
    }

    /** Why an I/O operation failed, in words: "permission denied", "not a folder", "read-only file system". */
    static String reason(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (e instanceof FileSystemLoopException) {
            return "a loop of symbolic links";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return lowerFirst(fs.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * One line for a failure: its message, with wrappers that say nothing (reflection, executors) taken off; for
     * running out of memory or stack, what ran out and what to do about it.
     */
    static String describe(Throwable failure) {
        return describe(failure, className -> null);
    }

    /**
     * As {@link #describe(Throwable)}, naming for a stack overflow the bundle of the code that recursed
     * ({@code bundleOf} maps a class name to a bundle's name, or to {@code null}).
     */
    static String describe(Throwable failure, Function<String, String> bundleOf) {
        Throwable cause = unwrap(failure);
        OutOfMemoryError memory = find(cause, OutOfMemoryError.class);
        if (memory != null) {
            return outOfMemory(memory);
        }
        StackOverflowError stack = find(cause, StackOverflowError.class);
        if (stack != null) {
            return stackOverflow(stack, bundleOf);
        }
        if (cause instanceof IOException io) {
            String message = io.getMessage();
            String reason = reason(io);
            return message == null || message.contains(reason) ? reason : message + ": " + reason;
        }
        if (cause.getMessage() == null || cause.getMessage().isBlank()) {
            return cause.getClass().getName();
        }
        return cause.getMessage();
    }

    /** The failure behind wrappers that carry no message of their own. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        while (current.getCause() != null && seen.put(current, true) == null && isWrapper(current)) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * An UncheckedIOException is a wrapper only when bare: the services throw it with the file, what was being done
     * and the reason ("cannot write …/run.json: the disk is full …"), which its cause alone does not say.
     */
    private static boolean isWrapper(Throwable t) {
        if (t instanceof InvocationTargetException || t instanceof UndeclaredThrowableException) {
            return true;
        }
        boolean bare = t.getMessage() == null || t.getMessage().equals(String.valueOf(t.getCause()));
        return bare && (t instanceof UncheckedIOException || t instanceof ExecutionException
                || t instanceof CompletionException || t.getClass() == RuntimeException.class
                || t.getClass() == Exception.class);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String outOfMemory(OutOfMemoryError e) {
        String what = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        if (what.contains("native thread")) {
            return "out of threads" + what + ": the system refused a new thread; fewer parallel runs or a higher"
                    + " process limit (ulimit -u) help";
        }
        if (what.contains("exceeds")) {
            return "out of memory" + what + ": the command asked for one array or text larger than Java allows"
                    + " (2^31 elements); a size in its options or data is too large";
        }
        long max = Runtime.getRuntime().maxMemory();
        return "out of memory" + what + ": the command needed more than the " + mebibytes(max)
                + " the Java heap may use; raise it (java -Xmx" + Math.max(2, 2 * gibibytes(max))
                + "g -jar biasflow.jar ...) or use smaller data";
    }

    private static String stackOverflow(StackOverflowError e, Function<String, String> bundleOf) {
        StackTraceElement[] frames = e.getStackTrace();
        StringBuilder text = new StringBuilder("stack overflow");
        if (frames.length > 0) {
            text.append(" in ").append(frames[0].getClassName()).append('.').append(frames[0].getMethodName());
            java.util.Set<String> asked = new java.util.HashSet<>();
            for (StackTraceElement frame : frames) {
                if (!asked.add(frame.getClassName())) {
                    continue;
                }
                String bundle = bundleOf.apply(frame.getClassName());
                if (bundle != null) {
                    text.append(" (bundle ").append(bundle).append(frame == frames[0] ? "" : ", at "
                            + frame.getClassName() + '.' + frame.getMethodName()).append(')');
                    break;
                }
            }
        }
        return text.append(": a recursion that does not end, or one deeper than the thread stack allows (raise it"
                + " with java -Xss64m -jar biasflow.jar ...)").toString();
    }

    private static String mebibytes(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : bytes / (1L << 20) + " MiB";
    }

    private static long gibibytes(long bytes) {
        return (bytes + (1L << 30) - 1) >> 30;
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() || text.length() > 1 && Character.isUpperCase(text.charAt(1)) ? text
                : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
