package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output folders against several launcher processes: two at once into one folder, a run stopped by SIGTERM or by
 * bf:cancel from another process, a sweep split into shards run in three processes and merged, and a shard killed
 * with SIGKILL and resumed. Every process is bounded in time and killed by the test that started it.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class OutputFolderProcessIT {
    private static final long PROCESS_SECONDS = 180;

    @TempDir
    Path folder;

    private final List<Process> started = new ArrayList<>();

    record Result(int exitCode, String out, String err) {
    }

    /** A launcher process writing its output to files named after {@code name}. */
    private Process start(String name, String... commands) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("biasflow.jar"), "--load", folder.resolve("load").toString()));
        for (String line : commands) {
            command.add("-c");
            command.add(line);
        }
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(folder.resolve(name + ".out").toFile())
                .redirectError(folder.resolve(name + ".err").toFile()).start();
        started.add(process);
        return process;
    }

    private Result finish(String name, Process process) throws Exception {
        boolean finished = process.waitFor(PROCESS_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished, name + " did not exit within " + PROCESS_SECONDS + " s");
        return new Result(process.exitValue(), Files.readString(folder.resolve(name + ".out")),
                Files.readString(folder.resolve(name + ".err")));
    }

    private Result launch(String name, String... commands) throws Exception {
        return finish(name, start(name, commands));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited in vain for " + what);
            Thread.sleep(50);
        }
    }

    private static int rows(Path csv) {
        try {
            return Files.exists(csv) ? Files.readAllLines(csv).size() - 1 : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    /** A data set on which one run to 1e-100000 takes several seconds. */
    private Path slowData() throws Exception {
        Path data = folder.resolve("slow.csv");
        Result made = launch("data", "bf:data --kind sparse-teacher --n 200 --d 2000 --seed 3 --out " + data);
        assertEquals(0, made.exitCode(), made.err());
        return data;
    }

    private static final String SLOW_RUN = " --alpha 10 --eps 1e-1:1e-10,1e-10:1e-100000:40 --out ";

    @Test
    void aSecondRunIsRefusedNamingTheFirstAndSigtermEndsTheFirstAsCancelledWithItsRecord() throws Exception {
        try {
            Path data = slowData();
            Path out = folder.resolve("shared");
            Process first = start("first", "bf:run --data " + data + SLOW_RUN + out);
            await("the first run's checkpoints", () -> rows(out.resolve("checkpoints.csv")) >= 2);

            Result second = launch("second", "bf:run --data " + data + " --eps 1e-5 --out " + out);
            assertNotEquals(0, second.exitCode());
            assertTrue(second.err().contains("is in use by bf:run (pid " + first.pid()), second.err());

            first.destroy(); // SIGTERM
            Result stopped = finish("first", first);
            assertNotEquals(0, stopped.exitCode());
            String record = Files.readString(out.resolve("run.json"));
            assertTrue(record.contains("\"status\": \"cancelled\""), record);
            assertTrue(record.contains("the program is stopping"), record);
            Matcher counted = Pattern.compile("\"checkpoints\": ([0-9]+)").matcher(record);
            assertTrue(counted.find(), record);
            int checkpoints = Integer.parseInt(counted.group(1));
            assertTrue(checkpoints >= 2, record);
            assertEquals(checkpoints, rows(out.resolve("checkpoints.csv")), "run.json counts the rows on disk");
            assertFalse(stopped.err().contains("InterruptedException"), stopped.err());

            Result refused = launch("third", "bf:run --data " + data + " --eps 1e-5 --out " + out);
            assertTrue(refused.err().contains("already holds a run (cancelled"), refused.err());
        } finally {
            stopAll();
        }
    }

    @Test
    void bfCancelFromAnotherProcessStopsARunAndAKilledRunIsReplacedOnlyWithOverwrite() throws Exception {
        try {
            Path data = slowData();
            Path out = folder.resolve("cancelled");
            Process running = start("running", "bf:run --data " + data + SLOW_RUN + out);
            await("the run's checkpoints", () -> rows(out.resolve("checkpoints.csv")) >= 1);

            Result asked = launch("cancel", "bf:cancel --out " + out);
            assertEquals(0, asked.exitCode(), asked.err());
            assertTrue(asked.out().contains("pid " + running.pid()), asked.out());
            Result ended = finish("running", running);
            assertNotEquals(0, ended.exitCode());
            assertTrue(Files.readString(out.resolve("run.json")).contains("cancelled by bf:cancel --out"));

            Path killed = folder.resolve("killed");
            Process victim = start("victim", "bf:run --data " + data + SLOW_RUN + killed);
            await("the victim's checkpoints", () -> rows(killed.resolve("checkpoints.csv")) >= 1);
            victim.destroyForcibly(); // SIGKILL: no record, and a lock file naming a dead process
            victim.waitFor(30, TimeUnit.SECONDS);

            Result refused = launch("after-kill", "bf:run --data " + data + " --eps 1e-5 --out " + killed);
            assertNotEquals(0, refused.exitCode());
            assertTrue(refused.err().contains("unfinished run") && refused.err().contains("--overwrite"),
                    refused.err());
            assertTrue(refused.err().contains("took over the lock") && refused.err().contains("pid " + victim.pid()),
                    refused.err());
            Result replaced = launch("replace", "bf:run --data " + data + " --eps 1e-5 --overwrite --out " + killed);
            assertEquals(0, replaced.exitCode(), replaced.err());
            assertEquals(1, rows(killed.resolve("checkpoints.csv")));
        } finally {
            stopAll();
        }
    }

    /**
     * A sweep still running holds only the trajectories finished so far: bf:report refuses to write a report beside
     * it that would stay there, stale, and bf:crossings says its rows are not final.
     */
    @Test
    void aReportOfASweepStillRunningIsRefusedAndItsCrossingsSaySo() throws Exception {
        try {
            Path data = slowData();
            Path out = folder.resolve("sweeping");
            Process sweeping = start("sweeping", "bf:sweep --data " + data + " --alphas 1,10,100 --threads 1"
                    + " --eps 1e-1:1e-10,1e-10:1e-100000:40 --out " + out);
            await("the sweep's first trajectory", () -> Files.exists(out.resolve("sweep.csv")));

            Result report = launch("report", "bf:report --sweep " + out);
            Result crossings = launch("crossings", "bf:crossings --sweep " + out + " --column l1_distance --below 0.1");
            launch("cancel", "bf:cancel --out " + out);
            finish("sweeping", sweeping);

            assertNotEquals(0, report.exitCode());
            assertTrue(report.err().contains(out + " is in use by bf:sweep (pid " + sweeping.pid())
                    && report.err().contains("run bf:report --sweep " + out + " once it has ended"), report.err());
            assertFalse(Files.exists(out.resolve("report.md")));
            assertEquals(0, crossings.exitCode(), crossings.err());
            assertTrue(crossings.out().startsWith("note: " + out + " is in use by bf:sweep (pid " + sweeping.pid()),
                    crossings.out());
        } finally {
            stopAll();
        }
    }

    @Test
    void threeShardsInThreeProcessesMergeToTheOneProcessSweepAndAKilledShardResumesIdentically() throws Exception {
        try {
            Path data = folder.resolve("sweep.csv-data.csv");
            assertEquals(0, launch("data", "bf:data --kind sparse-teacher --n 40 --d 200 --seed 3 --out " + data)
                    .exitCode());
            String grid = "bf:sweep --data " + data + " --alphas 1e-3:1e3:7 --depths 2,3"
                    + " --eps 1e-1:1e-10,1e-10:1e-1000:5 --threads 1";
            Path whole = folder.resolve("whole");
            Result one = launch("whole", grid + " --out " + whole);
            assertEquals(0, one.exitCode(), one.err());

            Path sharded = folder.resolve("sharded");
            List<Process> shards = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                shards.add(start("shard" + i, grid + " --out " + sharded + " --shard " + i + "/3"));
            }
            for (int i = 1; i <= 3; i++) {
                Result shard = finish("shard" + i, shards.get(i - 1));
                assertEquals(0, shard.exitCode(), shard.err());
                assertTrue(shard.out().contains("shard " + i + "/3 done"), shard.out());
            }
            // The last shard to end has merged, unless two ended at once; bf:sweep-merge writes the same bytes.
            Result merged = launch("merge", "bf:sweep-merge --out " + sharded);
            assertEquals(0, merged.exitCode(), merged.err());
            assertSameSweep(whole, sharded);

            Path resumed = folder.resolve("resumed");
            Process killed = start("killed", grid + " --out " + resumed + " --shard 1/3");
            await("a trajectory of the shard", () -> recorded(resumed) >= 1);
            killed.destroyForcibly(); // SIGKILL mid-shard
            killed.waitFor(30, TimeUnit.SECONDS);

            Result early = launch("early-merge", "bf:sweep-merge --out " + resumed);
            assertNotEquals(0, early.exitCode());
            assertTrue(early.err().contains("missing") && early.err().contains("(shard 2/3)"), early.err());
            Result again = launch("again", grid + " --out " + resumed + " --shard 1/3 --resume",
                    grid + " --out " + resumed + " --shard 2/3", grid + " --out " + resumed + " --shard 3/3",
                    "bf:sweep-merge --out " + resumed);
            assertEquals(0, again.exitCode(), again.err());
            assertSameSweep(whole, resumed);
        } finally {
            stopAll();
        }
    }

    private static long recorded(Path sweep) {
        try (Stream<Path> runs = Files.list(sweep.resolve("runs"))) {
            return runs.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void assertSameSweep(Path expected, Path actual) throws IOException {
        assertArrayEquals(Files.readAllBytes(expected.resolve("sweep.csv")), Files.readAllBytes(actual.resolve("sweep.csv")),
                "sweep.csv of " + actual);
        try (Stream<Path> runs = Files.list(expected.resolve("runs"))) {
            for (Path run : runs.toList()) {
                Path other = actual.resolve("runs").resolve(run.getFileName());
                assertArrayEquals(Files.readAllBytes(run.resolve("checkpoints.csv")),
                        Files.readAllBytes(other.resolve("checkpoints.csv")), "checkpoints.csv of " + other);
            }
        }
        try (Stream<Path> runs = Files.list(actual.resolve("runs"))) {
            assertEquals(14, runs.count(), "exactly the grid's trajectories in " + actual);
        }
    }
}
