package org.biasflow.run.internal;

import java.nio.file.Path;

/**
 * A second process for the lock tests: takes the main lock of the folder named by its argument, says "held" on
 * standard output, and keeps it until its standard input ends (or it is killed).
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FolderLock lock = FolderLock.acquire(Path.of(args[0]), FolderLock.MAIN, "lock-holder")) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold on
            }
        }
    }

    /** Starts a holder of {@code folder}'s lock and returns once it holds it. */
    static Process start(Path folder) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), folder.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] held = new byte[5];
        int read = process.getInputStream().readNBytes(held, 0, held.length);
        if (read != held.length || !new String(held).equals("held\n")) {
            process.destroyForcibly();
            throw new IllegalStateException("the lock holder did not start");
        }
        return process;
    }
}
