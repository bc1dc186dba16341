package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher jar as users start it: a separate process, bounded by a timeout so a hang fails the test. */
class LauncherProcessIT {
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path folder;

    record Result(int exitCode, String out, String err) {
    }

    /** Launches the jar in a folder (drop-ins from its load/), without stdin: for other test classes. */
    static Result launchIn(Path folder, String... args) throws IOException, InterruptedException {
        LauncherProcessIT launcher = new LauncherProcessIT();
        launcher.folder = folder;
        return launcher.launch(null, args);
    }

    Result launch(String stdin, String... args) throws IOException, InterruptedException {
        return launchWith(folder.resolve("load"), stdin, args);
    }

    Result launchWith(Path load, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("biasflow.jar"), "--load", load.toString()));
        command.addAll(List.of(args));
        Path out = folder.resolve("out.txt");
        Path err = folder.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
        }
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished, "the launcher did not exit within " + TIMEOUT_SECONDS + " s");
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void servicesCommandPrintsTheTableAndSucceeds() throws Exception {
        Result result = launch(null, "-c", "bf:services");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("KIND"), result.out());
        assertTrue(result.out().contains("org.biasflow.integrator"), result.out());
    }

    @Test
    void aSingleTargetBeyondTheDoubleRangeIsReadAsWritten() throws Exception {
        Path data = folder.resolve("d.csv");
        Result result = launch(null, "-c", "bf:data --n 6 --d 5 --seed 2 --out " + data,
                "-c", "bf:run --data " + data + " --eps 1e-1000000 --out " + folder.resolve("deep"));

        assertEquals(0, result.exitCode(), result.err());
        List<String> rows = Files.readAllLines(folder.resolve("deep").resolve("checkpoints.csv"));
        assertEquals("1e-1000000", rows.get(1).split(",")[0]);
        assertEquals(-1e6, Double.parseDouble(rows.get(1).split(",")[1]), 1e-3);
    }

    @Test
    void singleNumbersReachCommandsAsWrittenAndMistypedOnesAreExplained() throws Exception {
        Path data = folder.resolve("d.csv");
        Result result = launch(null, "-c", "bf:data --n 6 --d 5 --seed 2 --out " + data,
                "-c", "bf:run --data " + data + " --alpha 1e-1 --eps 1e-10 --out " + folder.resolve("r"),
                "-c", "bf:run --data " + data + " --depth abc --out " + folder.resolve("never"));
        Result mistyped = launch(null, "-c", "bf:sweep --data " + data + " --alpha 1 --out " + folder.resolve("never"));
        Result valueless = launch(null, "-c", "bf:run --data " + data + " --out");
        Result misnamed = launch(null, "-c", "bf:swep --data " + data);

        assertEquals("1e-10", Files.readAllLines(folder.resolve("r").resolve("checkpoints.csv")).get(1).split(",")[0]);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.err().contains("the arguments do not fit bf:run: --depth takes a whole number from"
                + " -2147483648 to 2147483647, not abc") && result.err().contains("'help bf:run'"), result.err());
        assertNotEquals(0, mistyped.exitCode());
        assertTrue(mistyped.err().contains("the arguments do not fit bf:sweep: --alpha is not an option of bf:sweep"
                + " (did you mean --alphas?)"), mistyped.err());
        assertTrue(valueless.err().contains("the arguments do not fit bf:run: --out lacks its value"), valueless.err());
        assertTrue(misnamed.err().contains("Command not found: bf:swep (did you mean bf:sweep?)"), misnamed.err());
        assertNotEquals(0, misnamed.exitCode());
        assertFalse(Files.exists(folder.resolve("never")));
    }

    @Test
    void aLaunchKeepsNeitherDropInsNorConfigurationOfAnEarlierOne() throws Exception {
        Path first = Files.createDirectories(folder.resolve("first"));
        Files.copy(Path.of(System.getProperty("biasflow.fixtures"), "org.biasflow.example.tempered.jar"),
                first.resolve("tempered.jar"));
        Files.writeString(first.resolve("org.biasflow.run.cfg"), "integrator = dormand-prince\n");

        Result withThem = launchWith(first, null, "-c", "bf:services", "-c", "bf:defaults");
        Result without = launchWith(Files.createDirectories(folder.resolve("second")), null, "-c", "bf:services",
                "-c", "bf:defaults");

        assertTrue(withThem.out().contains("tempered-exponential"), withThem.out());
        assertTrue(withThem.out().contains("dormand-prince  "), withThem.out());
        assertFalse(without.out().contains("tempered-exponential"), without.out());
        assertTrue(without.out().contains("integrator         bdf"), without.out());
    }

    @Test
    void anUnknownCommandFailsWithItsName() throws Exception {
        Result result = launch(null, "-c", "bf:services", "-c", "bf:nosuchcommand", "-c", "bf:defaults");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.err().contains("bf:nosuchcommand"), result.err());
        assertTrue(result.out().contains("KIND"), "commands before the failure still ran");
        assertFalse(result.out().contains("SETTING"), "commands after the failure do not run");
    }

    @Test
    void aThrowingCommandFailsWithItsMessage() throws Exception {
        Result result = launch(null, "-c", "bf:run --data missing.csv --out never");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.err().contains("missing.csv"), result.err());
        assertFalse(Files.exists(folder.resolve("never")));
    }

    @Test
    void pipedStdinRunsAsAScript() throws Exception {
        Result result = launch("bf:services\nbf:defaults\n");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("KIND") && result.out().contains("SETTING"), result.out());
    }

    @Test
    void closedStdinEndsAtOnce() throws Exception {
        Result result = launch(null);

        assertEquals(0, result.exitCode(), result.err());
    }

    @Test
    void aScriptFileRunsAndItsFailureCounts() throws Exception {
        Path good = folder.resolve("good.gosh");
        Files.writeString(good, "bf:data --n 6 --d 5 --seed 2 --out " + folder.resolve("d.csv") + "\n"
                + "bf:run --data " + folder.resolve("d.csv") + " --eps 1e-5 --out " + folder.resolve("r") + "\n");
        Path bad = folder.resolve("bad.gosh");
        Files.writeString(bad, "bf:run --data " + folder.resolve("d.csv") + " --alpha -1\n");

        Result ran = launch(null, good.toString());
        assertEquals(0, ran.exitCode(), ran.err());
        assertTrue(Files.exists(folder.resolve("r").resolve("run.json")));

        Result failed = launch(null, bad.toString());
        assertNotEquals(0, failed.exitCode());
        assertTrue(failed.err().toLowerCase().contains("alpha"), failed.err());
    }
}
