package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sweeps on a Hazelcast cluster of launcher processes on loopback, with the optional cluster bundle dropped into
 * their load/ folders: a member killed with SIGKILL or SIGTERM mid-sweep costs nothing but re-runs, and a member
 * that lacks the model a running sweep needs is refused. Every process is bounded in time and killed by the test that started it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterProcessIT {
    private static final long PROCESS_SECONDS = 150;

    @TempDir
    Path folder;

    private final List<Process> started = new ArrayList<>();
    private final String cluster = "it-" + UUID.randomUUID().toString().substring(0, 8);
    /** A port range of its own, so that clusters of tests running at the same time on this machine stay apart. */
    private final int port = 6000 + 10 * ThreadLocalRandom.current().nextInt(300);
    private final String members = "127.0.0.1:" + port + ",127.0.0.1:" + (port + 1) + ",127.0.0.1:" + (port + 2);

    record Result(int exitCode, String out, String err) {
    }

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    /** A load/ folder holding the cluster bundle and Hazelcast, and the given fixtures. */
    private Path load(String name, String... fixtures) throws IOException {
        Path load = Files.createDirectories(folder.resolve(name));
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("biasflow.cluster")))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, load.resolve(jar.getFileName()));
            }
        }
        for (String fixture : fixtures) {
            Files.copy(Path.of(System.getProperty("biasflow.fixtures"), fixture), load.resolve(fixture));
        }
        return load;
    }

    /** A launcher process with its own temp folder, writing its output to files named after {@code name}. */
    private Process start(String name, Path load, String command) throws IOException {
        Path temp = Files.createDirectories(folder.resolve("tmp-" + name));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temp, "-jar", System.getProperty("biasflow.jar"), "--load", load.toString(),
                "-c", command).directory(folder.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(folder.resolve(name + ".out").toFile())
                .redirectError(folder.resolve(name + ".err").toFile()).start();
        started.add(process);
        return process;
    }

    private Process member(String name, Path load, int index) throws IOException {
        return start(name, load, "bf:member --cluster " + cluster + " --members " + members + " --port "
                + (port + index));
    }

    private Result finish(String name, Process process) throws Exception {
        boolean finished = process.waitFor(PROCESS_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            String threads = threads(process);
            process.destroyForcibly();
            assertTrue(finished, name + " did not exit within " + PROCESS_SECONDS + " s; it printed:\n"
                    + read(name + ".out") + read(name + ".err") + "\nits threads:\n" + threads);
        }
        return new Result(process.exitValue(), read(name + ".out"), read(name + ".err"));
    }

    /** The threads of a process that did not exit, from the JDK's jstack: what it was waiting for. */
    private static String threads(Process process) {
        try {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(process.pid())).redirectErrorStream(true).start();
            String dump = new String(jstack.getInputStream().readAllBytes());
            jstack.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException e) {
            return "(jstack failed: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private String read(String file) {
        try {
            return Files.readString(folder.resolve(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited in vain for " + what);
            Thread.sleep(50);
        }
    }

    private void awaitJoined(String... names) throws InterruptedException {
        for (String name : names) {
            await(name + " to join the cluster (" + read(name + ".err") + ")",
                    () -> read(name + ".out").contains("member [127.0.0.1]:"));
        }
    }

    /** A linearly separable data set: labels are the signs of a fixed direction's inner products. */
    private Path separable(int points, int features) throws IOException {
        java.util.Random random = new java.util.Random(3);
        StringBuilder csv = new StringBuilder();
        for (int n = 0; n < points; n++) {
            double[] x = new double[features];
            double projection = 0;
            for (int i = 0; i < features; i++) {
                x[i] = random.nextGaussian();
                projection += x[i] * (i + 1);
            }
            csv.append(projection >= 0 ? "1" : "-1");
            for (double value : x) {
                csv.append(',').append(value);
            }
            csv.append('\n');
        }
        return Files.writeString(folder.resolve("data.csv"), csv);
    }

    private static long count(Path runs) {
        try (Stream<Path> entries = Files.list(runs)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether a member is running a trajectory now: its working folder holds one. */
    private boolean running(String member) {
        try (Stream<Path> entries = Files.walk(folder.resolve("tmp-" + member), 3)) {
            return entries.anyMatch(p -> p.getParent() != null && p.getParent().getFileName().toString()
                    .equals("runs") && p.getParent().getParent().getFileName().toString()
                    .startsWith("biasflow-member-"));
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL gives the member no say; SIGTERM lets it stop its framework, cancelling the trajectory it runs. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SIGKILL", "SIGTERM"})
    void aMemberKilledMidSweepCostsOnlyReRunsAndTheSweepIsByteIdenticalToALocalOne(String signal) throws Exception {
        Path load = load("load");
        Path data = separable(20, 50);
        String grid = "bf:sweep --data " + data + " --alphas 1e-2:1e2:30 --depths 2,3 --eps 1e-1:1e-10,1e-10:1e-100:3";

        member("member1", load, 0);
        Process victim = member("member2", load, 1);
        member("member3", load, 2);
        Path local = folder.resolve("local");
        Result localSweep = finish("local", start("local", load, grid + " --threads 2 --out " + local));
        assertEquals(0, localSweep.exitCode(), localSweep.err());
        awaitJoined("member1", "member2", "member3");

        Path clustered = folder.resolve("clustered");
        Process submitter = start("submitter", load, grid + " --out " + clustered + " --cluster " + cluster
                + " --members " + members);
        await("a fifth of the sweep and a trajectory running on member 2",
                () -> count(clustered.resolve("runs")) >= 12 && running("member2"));
        // with a trajectory of the sweep running on it
        if (signal.equals("SIGKILL")) {
            victim.destroyForcibly();
        } else {
            victim.destroy();
        }
        assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
        long recordedAtKill = count(clustered.resolve("runs"));
        assertTrue(recordedAtKill < 60, "the member was killed midway, at " + recordedAtKill + " of 60");

        Result sweep = finish("submitter", submitter);
        assertEquals(0, sweep.exitCode(), sweep.out() + sweep.err());
        assertTrue(sweep.out().contains("done: 60 of 60 trajectories"), sweep.out());
        assertArrayEquals(Files.readAllBytes(local.resolve("sweep.csv")),
                Files.readAllBytes(clustered.resolve("sweep.csv")), "sweep.csv");
        assertArrayEquals(Files.readAllBytes(local.resolve("sweep.json")),
                Files.readAllBytes(clustered.resolve("sweep.json")), "sweep.json");
        List<Path> runs;
        try (Stream<Path> entries = Files.list(local.resolve("runs"))) {
            runs = entries.sorted().toList();
        }
        assertEquals(60, runs.size());
        for (Path run : runs) {
            Path twin = clustered.resolve("runs").resolve(run.getFileName());
            for (String file : List.of("checkpoints.csv", "points.csv", "parameters.csv")) {
                assertArrayEquals(Files.readAllBytes(run.resolve(file)), Files.readAllBytes(twin.resolve(file)),
                        twin.resolve(file).toString());
            }
            String record = Files.readString(twin.resolve("run.json"));
            assertTrue(record.contains("\"file\": \"" + data.toAbsolutePath() + "\""), record);
            assertTrue(record.contains("\"os_arch\": \"" + System.getProperty("os.arch") + "\""), record);
        }
        assertEquals(count(clustered.resolve("runs")), 60, "no partial folder is left");
    }

    @Test
    void aMemberWithoutTheModelARunningSweepNeedsIsRefusedAndNothingIsLost() throws Exception {
        Path withModel = load("load-fc", "org.biasflow.example.fullyconnected.jar");
        Path withoutModel = load("load-plain");
        Path data = separable(10, 5);
        member("member1", withModel, 0);
        awaitJoined("member1");

        Path out = folder.resolve("sweep");
        // long enough to be still running when member 2 has started and checked itself: a sweep of 20 trajectories
        // to 1e-8 (5 s) sometimes ended first, and member 2, rightly accepted then, stayed a member
        Process submitter = start("submitter", withModel, "bf:sweep --data " + data + " --model fully-connected"
                + " --alphas 1e-1:1e1:30 --depths 2,3 --eps 1e-1:1e-100 --out " + out + " --cluster " + cluster
                + " --members " + members);
        await("the sweep to start", () -> Files.exists(out.resolve("sweep.json")));
        Result refused = finish("member2", member("member2", withoutModel, 1));

        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.err().contains("refused: a sweep running on cluster " + cluster
                + " needs model 'fully-connected', which this process lacks"), refused.err());
        Result sweep = finish("submitter", submitter);
        assertEquals(0, sweep.exitCode(), sweep.out() + sweep.err());
        assertTrue(sweep.out().contains("done: 60 of 60 trajectories"), sweep.out());
        assertTrue(count(out.resolve("runs")) == 60 && Files.readAllLines(out.resolve("sweep.csv")).size() > 60,
                "every trajectory is recorded");
    }
}
