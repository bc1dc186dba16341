package org.biasflow.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one file a command writes (a data set, a predictor), checked before anything is computed or written: a
 * command never replaces the file it reads, nor, unless asked, any other existing file.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * @param out the file to write
     * @param option the option that named it, for the message ({@code --out})
     * @param replace whether an existing file may be replaced ({@code --overwrite})
     * @param inputs the files the command reads
     * @throws IllegalArgumentException naming the file, and what to do instead
     */
    public static void check(Path out, String option, boolean replace, Path... inputs) {
        for (Path input : inputs) {
            if (same(out, input)) {
                throw new IllegalArgumentException(option + " " + out + " is the file this command reads (" + input
                        + "): writing there would replace it; name another file");
            }
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(option + " " + out + " is a folder, not a file");
        }
        if (!replace && Files.exists(out)) {
            throw new IllegalArgumentException(out + " already exists; add --overwrite to replace it, or name another "
                    + option);
        }
    }

    /**
     * The refusal for a file that was not there when {@link #check} looked, but was once the command came to write
     * it: another command wrote it meanwhile, and it is kept.
     */
    public static IllegalArgumentException writtenMeanwhile(Path out, String option) {
        return new IllegalArgumentException(out + " was written by another command while this one ran, and is kept;"
                + " add --overwrite to replace it, or name another " + option);
    }

    private static boolean same(Path a, Path b) {
        if (Files.exists(a) && Files.exists(b)) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException e) {
                // unreadable: fall back on the names
            }
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
