package org.biasflow.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report is replaced as a whole, or not at all, whatever stops it. */
class ReportFilesTest {

    @TempDir
    Path folder;

    @BeforeEach
    void anEarlierReport() throws IOException {
        write(folder, "old", "old-only");
        Files.writeString(folder.resolve("sweep.csv"), "alpha,depth,status,log10_loss\n");
    }

    /** A report as the report writers lay it out, each file saying which report it belongs to. */
    private static void write(Path into, String report, String figure) throws IOException {
        Files.createDirectories(into.resolve("figures"));
        Files.writeString(into.resolve("figures").resolve(figure + ".png"), report);
        Files.writeString(into.resolve("report.html"), report);
        Files.writeString(into.resolve("report.md"), report);
    }

    private List<String> contents() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(file -> folder.relativize(file) + "=" + read(file))
                    .sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A process that is no longer running. */
    private static long deadProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    @Test
    void theNewReportReplacesTheOldOneAsAWhole() throws IOException {
        assertEquals("written", ReportFiles.replace(folder, into -> {
            write(into, "new", "new-only");
            return "written";
        }));

        assertEquals(List.of("figures/new-only.png=new", "report.html=new", "report.md=new", "sweep.csv=alpha,depth,"
                + "status,log10_loss\n"), contents());
    }

    @Test
    void aFileAReportDidNotDrawAmongTheFiguresIsRefusedNotDeleted() throws IOException {
        Files.writeString(folder.resolve("figures/notes.txt"), "mine");
        List<String> before = contents();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ReportFiles.replace(folder, into -> {
                    write(into, "new", "new-only");
                    return "written";
                }));

        assertTrue(refused.getMessage().startsWith(folder.resolve("figures") + " holds files a report did not draw"
                + " (notes.txt)"), refused.getMessage());
        assertEquals(before, contents());
    }

    @Test
    void aReportThatFailsMidwayLeavesTheOldOneAsItWas() throws IOException {
        List<String> before = contents();

        assertThrows(IllegalArgumentException.class, () -> ReportFiles.replace(folder, into -> {
            Files.createDirectories(into.resolve("figures"));
            Files.writeString(into.resolve("figures/new-only.png"), "new");
            throw new IllegalArgumentException("line chart ... has two series named \"α = 1.00\"");
        }));

        assertEquals(before, contents());
    }

    @Test
    void aReportStoppedWhileWritingLeavesAStagingFolderTheNextOneRemoves() throws Exception {
        Path staging = folder.resolve(".report.biasflow-new-" + deadProcess() + "-1.tmp");
        Files.createDirectories(staging.resolve("figures"));
        Files.writeString(staging.resolve("figures/new-only.png"), "killed");
        List<String> before = contents().stream().filter(file -> !file.startsWith(".")).toList();

        ReportFiles.finishAbandoned(folder);

        assertEquals(before, contents());
    }

    @Test
    void aSwapStoppedMidwayIsCompletedByTheNextReport() throws Exception {
        long killed = deadProcess();
        Path staging = folder.resolve(".report.biasflow-new-" + killed + "-1.tmp");
        Path old = Files.createDirectories(folder.resolve(".report.biasflow-old-" + killed + "-1.tmp"));
        write(staging, "new", "new-only");
        // stopped after the figures were swapped, before report.html and report.md
        Files.move(folder.resolve("figures"), old.resolve("figures"));
        Files.move(staging.resolve("figures"), folder.resolve("figures"));

        ReportFiles.finishAbandoned(folder);

        assertEquals(List.of("figures/new-only.png=new", "report.html=new", "report.md=new", "sweep.csv=alpha,depth,"
                + "status,log10_loss\n"), contents());
    }
}
