package org.biasflow.run.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Locks and ownership of output folders, with a real second process where one is needed. */
@Timeout(60)
class OutputFolderTest {

    @TempDir
    Path folder;

    private static final OutputFolder.Check REFUSE = contents -> "refused: " + contents.describe();

    private OutputFolder claim(Path out, boolean overwrite) {
        return OutputFolder.claim(out, OutputFolder.Use.RUN, FolderLock.MAIN, overwrite, "test", REFUSE);
    }

    @Test
    void aFolderHeldByAnotherProcessIsRefusedNamingItsPidAndTakenOverOnceItDied() throws Exception {
        Path out = Files.createDirectories(folder.resolve("out"));
        Process holder = LockHolder.start(out);
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> claim(out, false));
            assertTrue(refused.getMessage().contains("pid " + holder.pid()), refused.getMessage());
            assertTrue(refused.getMessage().contains("lock-holder"), refused.getMessage());
            assertNotNull(FolderLock.holder(out, FolderLock.MAIN));
        } finally {
            holder.destroyForcibly(); // kill -9: the lock file stays, naming the dead holder
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(Files.readString(out.resolve(FolderLock.MAIN)).contains("pid=" + holder.pid()));
        assertNull(FolderLock.holder(out, FolderLock.MAIN));

        try (OutputFolder claimed = claim(out, false)) {
            assertEquals(1, claimed.notes().size(), claimed.notes().toString());
            assertTrue(claimed.notes().get(0).contains("pid " + holder.pid()), claimed.notes().get(0));
            assertTrue(Files.readString(out.resolve(FolderLock.MAIN)).contains(
                    "pid=" + ProcessHandle.current().pid()));
        }
        assertEquals("", Files.readString(out.resolve(FolderLock.MAIN)), "a released lock is emptied");
    }

    /** The command the refusal suggests must work when pasted, whatever the folder is called. */
    @Test
    void aSecondClaimInTheSameProcessIsRefusedUntilTheFirstEnds() {
        Path out = folder.resolve("my runs/α 1");
        try (OutputFolder first = claim(out, false)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> claim(out, false));
            assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("stop it with bf:cancel --out '" + out + "'"),
                    refused.getMessage());
        }
        claim(out, false).close();
    }

    @Test
    void aRunsFilesAreRefusedWithoutOverwriteAndForeignFilesAlways() throws IOException {
        Path run = Files.createDirectories(folder.resolve("run"));
        Files.writeString(run.resolve("run.json"), "{\n  \"status\": \"completed\",\n  \"counts\": {\"checkpoints\": 3}\n}\n");
        Files.writeString(run.resolve("checkpoints.csv"), "target\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> claim(run, false));
        assertEquals("refused: a run (completed, 3 checkpoints)", refused.getMessage());

        Path mine = Files.createDirectories(folder.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "precious");
        for (boolean overwrite : new boolean[] {false, true}) {
            IllegalStateException foreign = assertThrows(IllegalStateException.class, () -> claim(mine, overwrite));
            assertTrue(foreign.getMessage().contains("thesis.tex"), foreign.getMessage());
        }
        assertEquals("precious", Files.readString(mine.resolve("thesis.tex")));
        try (Stream<Path> left = Files.list(mine)) {
            assertEquals(List.of(mine.resolve("thesis.tex")), left.toList(), "nothing is written into a folder refused");
        }

        Path file = Files.writeString(folder.resolve("plain-file"), "x");
        IllegalStateException notAFolder = assertThrows(IllegalStateException.class, () -> claim(file, false));
        assertTrue(notAFolder.getMessage().contains("is a file, not a folder"), notAFolder.getMessage());
    }

    @Test
    void anOverwriteKeepsTheOldContentWholeUntilCommittedAndLeavesNothingBeside() throws IOException {
        Path out = Files.createDirectories(folder.resolve("out"));
        Files.writeString(out.resolve("run.json"), "old");
        Files.writeString(out.resolve("checkpoints.csv"), "old rows");

        try (OutputFolder claimed = claim(out, true)) {
            assertTrue(claimed.replacing());
            Files.writeString(claimed.writeTo().resolve("checkpoints.csv"), "new rows");
            assertEquals("old", Files.readString(out.resolve("run.json")));
            assertEquals("old rows", Files.readString(out.resolve("checkpoints.csv")));
            Files.writeString(claimed.writeTo().resolve("run.json"), "new");
            claimed.commit();
        }
        assertEquals("new", Files.readString(out.resolve("run.json")));
        assertEquals("new rows", Files.readString(out.resolve("checkpoints.csv")));
        assertEquals(List.of("out"), siblings());

        try (OutputFolder abandoned = claim(out, true)) {
            Files.writeString(abandoned.writeTo().resolve("checkpoints.csv"), "never committed");
        }
        assertEquals("new rows", Files.readString(out.resolve("checkpoints.csv")), "an uncommitted replacement is dropped");
        assertEquals(List.of("out"), siblings());
    }

    @Test
    void filesBiasflowDidNotWriteWithinASweepAreRefusedToo() throws IOException {
        Path sweep = Files.createDirectories(folder.resolve("sweep").resolve("runs").resolve("alpha=1.0_depth=2"))
                .getParent().getParent();
        Files.writeString(sweep.resolve("sweep.csv"), "alpha\n");
        Files.writeString(sweep.resolve("runs/alpha=1.0_depth=2/run.json"), "{}");
        Files.writeString(sweep.resolve("runs/alpha=1.0_depth=2/notes.txt"), "mine");
        Files.writeString(sweep.resolve("runs/notes.txt"), "mine too");
        Files.createDirectories(sweep.resolve("figures"));
        Files.writeString(sweep.resolve("figures/a-depth2-phase-l1.png"), "png");
        Files.writeString(sweep.resolve("figures/draft.tex"), "mine as well");

        for (boolean overwrite : new boolean[] {false, true}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> OutputFolder.claim(sweep,
                    OutputFolder.Use.SWEEP, FolderLock.MAIN, overwrite, "test", contents -> null));
            assertEquals(sweep + " holds files that biasflow did not write (figures/draft.tex,"
                    + " runs/alpha=1.0_depth=2/notes.txt, runs/notes.txt); choose a new or empty folder for --out",
                    refused.getMessage());
        }
        assertEquals("mine", Files.readString(sweep.resolve("runs/alpha=1.0_depth=2/notes.txt")));
    }

    @Test
    void anOverwriteThroughALinkReplacesWhatItPointsToAndKeepsTheLink() throws IOException {
        Path real = Files.createDirectories(folder.resolve("real"));
        Files.writeString(real.resolve("run.json"), "old");
        Path link = Files.createSymbolicLink(folder.resolve("link"), real);
        try (OutputFolder claimed = claim(link, true)) {
            Files.writeString(claimed.writeTo().resolve("run.json"), "new");
            claimed.commit();
        }
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real.resolve("run.json")));
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of("link", "real"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }

        Path dangling = Files.createSymbolicLink(folder.resolve("dangling"), folder.resolve("gone"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> claim(dangling, false));
        assertTrue(refused.getMessage().contains("is a link to " + folder.resolve("gone") + ", which is not there"),
                refused.getMessage());
    }

    @Test
    void aReplacementKilledBetweenItsTwoRenamesLeavesTheOldContentToComeBack() throws IOException {
        Path out = folder.resolve("out");
        Path aside = Files.createDirectories(folder.resolve(".out.biasflow-old-999999-1"));
        Files.writeString(aside.resolve("run.json"), "old");

        try (OutputFolder claimed = claim(out, true)) {
            assertTrue(claimed.notes().get(0).startsWith("restored"), claimed.notes().toString());
        }
        assertEquals("old", Files.readString(out.resolve("run.json")));
    }

    @Test
    void aCancelRequestReachesTheHolderAndIsRemovedWhenItEnds() {
        Path out = folder.resolve("busy");
        assertEquals(List.of(), OutputFolder.requestCancel(out.resolve("nothing-here")));
        try (OutputFolder claimed = claim(out, false)) {
            assertFalse(claimed.cancelRequested());
            List<String> asked = OutputFolder.requestCancel(out);
            assertEquals(1, asked.size(), asked.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!claimed.cancelRequested() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(claimed.cancelRequested());
        }
        assertFalse(Files.exists(out.resolve(OutputFolder.CANCEL)));
    }

    @Test
    void shardsShareAFolderButExcludeAWholeFolderClaim() {
        Path out = folder.resolve("sharded");
        OutputFolder.Check accept = contents -> null;
        try (OutputFolder one = OutputFolder.claim(out, OutputFolder.Use.SHARD, FolderLock.shardName(1, 2), false,
                "shard 1", accept);
                OutputFolder two = OutputFolder.claim(out, OutputFolder.Use.SHARD, FolderLock.shardName(2, 2), false,
                        "shard 2", accept)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> OutputFolder.claim(out, OutputFolder.Use.MERGE, FolderLock.MAIN, false, "merge", accept));
            assertTrue(refused.getMessage().contains("shard"), refused.getMessage());
            assertThrows(IllegalStateException.class, () -> OutputFolder.claim(out, OutputFolder.Use.SHARD,
                    FolderLock.shardName(1, 2), false, "shard 1 again", accept));
            assertEquals(2, OutputFolder.holders(out.toAbsolutePath()).size());
        }
        try (OutputFolder whole = OutputFolder.claim(out, OutputFolder.Use.SWEEP, FolderLock.MAIN, false, "sweep",
                accept)) {
            assertThrows(IllegalStateException.class, () -> OutputFolder.claim(out, OutputFolder.Use.SHARD,
                    FolderLock.shardName(1, 2), false, "shard", accept));
        }
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
