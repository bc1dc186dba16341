package org.biasflow.report.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.biasflow.data.Folders;

/**
 * The report of a folder, {@code report.md}, {@code report.html} and {@code figures/}, replaced as a whole: the new
 * report is written into a hidden staging folder inside it and moved in place of the old one only once complete, so
 * a report that fails or is stopped (SIGTERM, Ctrl-C, kill -9) leaves the earlier one as it was, not a mix of both.
 *
 * <p>The staging folder is {@code .report.biasflow-new-PID-K.tmp}, and the old report goes to
 * {@code .report.biasflow-old-PID-K.tmp} for the instant of the swap; both end as an atomic write's temporary file
 * does, so the sweep runner takes them for housekeeping. The next report in the folder removes a staging folder
 * whose process is gone, and completes a swap it was stopped in the middle of (the old folder exists only once the
 * new report is complete), as {@code OutputFolder} of the run bundle does for a replaced output folder.
 */
final class ReportFiles {

    /** A report's entries, in the order they are swapped: report.md, which names the others, last. */
    static final List<String> ENTRIES = List.of("figures", "report.html", "report.md");

    private static final Pattern STAGING = Pattern.compile(
            "\\.report\\.biasflow-(new|old)-(\\d{1,18})-(\\d{1,9})\\.tmp");
    private static final AtomicInteger REPORTS = new AtomicInteger();
    /** The reports this process is writing, by PID-K, whose staging folders are not abandoned. */
    private static final Set<String> WRITING = ConcurrentHashMap.newKeySet();

    /** Writes a report's entries into a folder. */
    @FunctionalInterface
    interface Writer<T> {
        T write(Path into) throws IOException;
    }

    private ReportFiles() {
    }

    /** figures/ goes whole with the old report: anything in it a report does not draw is refused, not deleted. */
    private static void refuseOthersFigures(Path folder) throws IOException {
        Path figures = folder.resolve("figures");
        if (!Files.isDirectory(figures, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<String> others = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(figures,
                entry -> !entry.getFileName().toString().endsWith(".png")
                        && !entry.getFileName().toString().endsWith(".svg"))) {
            entries.forEach(entry -> others.add(entry.getFileName().toString()));
        }
        if (!others.isEmpty()) {
            throw new IllegalArgumentException(figures + " holds files a report did not draw ("
                    + String.join(", ", others) + "), which a new report would delete with the old figures: move them"
                    + " elsewhere first");
        }
    }

    /**
     * Lets {@code writer} write the new report into a staging folder, then puts it in place of the report
     * {@code folder} holds.
     *
     * @return what {@code writer} returned
     * @throws IOException when the report cannot be written or swapped in; the old report is then as it was, or, when
     *                     the swap itself failed, the next report in the folder completes it
     */
    static <T> T replace(Path folder, Writer<T> writer) throws IOException {
        finishAbandoned(folder);
        refuseOthersFigures(folder);
        String id = ProcessHandle.current().pid() + "-" + REPORTS.incrementAndGet();
        WRITING.add(id);
        try {
            Path staging = Files.createDirectory(folder.resolve(name("new", id)));
            T report;
            try {
                report = writer.write(staging);
            } catch (IOException | RuntimeException | Error failure) {
                try {
                    Folders.deleteTree(staging);
                } catch (IOException cleanup) {
                    failure.addSuppressed(cleanup); // a later report removes it
                }
                throw failure;
            }
            swap(folder, staging, folder.resolve(name("old", id)));
            return report;
        } finally {
            WRITING.remove(id);
        }
    }

    /**
     * Puts the new report in place: the old folder, created once the new report is whole, marks the swap as begun.
     * Reports of one process take turns, so that two reports of one folder do not interleave their entries.
     */
    private static synchronized void swap(Path folder, Path staging, Path old) throws IOException {
        Files.createDirectory(old);
        moveIn(folder, staging, old);
        Folders.deleteTree(old);
        Folders.deleteTree(staging);
    }

    /**
     * Moves each entry the staging folder still holds in place of the folder's own, which goes to {@code old}: an
     * entry already moved in is no longer in the staging folder, so a swap stopped midway is completed by running
     * this again.
     */
    private static void moveIn(Path folder, Path staging, Path old) throws IOException {
        for (String entry : ENTRIES) {
            if (Files.exists(staging.resolve(entry), LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(folder.resolve(entry), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(folder.resolve(entry), old.resolve(entry), StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(staging.resolve(entry), folder.resolve(entry), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /**
     * Clears what reports of processes that are gone (or failed swaps of this one) left in the folder: a swap stopped
     * midway is completed, since its new report was whole; a staging folder whose swap had not begun is removed.
     */
    static synchronized void finishAbandoned(Path folder) throws IOException {
        Set<String> abandoned = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                Matcher name = STAGING.matcher(entry.getFileName().toString());
                if (name.matches() && abandoned(name.group(2), name.group(3))) {
                    abandoned.add(name.group(2) + "-" + name.group(3));
                }
            }
        }
        for (String id : abandoned) {
            Path staging = folder.resolve(name("new", id));
            Path old = folder.resolve(name("old", id));
            if (Files.isDirectory(old) && Files.isDirectory(staging)) {
                moveIn(folder, staging, old);
            }
            Folders.deleteTree(old);
            Folders.deleteTree(staging);
        }
    }

    private static boolean abandoned(String pid, String report) {
        long process = Long.parseLong(pid);
        if (process == ProcessHandle.current().pid()) {
            return !WRITING.contains(pid + "-" + report);
        }
        return ProcessHandle.of(process).map(handle -> !handle.isAlive()).orElse(true);
    }

    private static String name(String kind, String id) {
        return ".report.biasflow-" + kind + "-" + id + ".tmp";
    }
}
