package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles a third party would write, dropped into a live framework: they work in bf:run and bf:sweep, they can
 * leave mid-run, and when they misbehave only their own run fails, naming them.
 */
class ThirdPartyIT {

    @TempDir
    static Path folder;

    static TestShell shell;
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        shell = new TestShell(folder);
        data = folder.resolve("gaussian.csv");
        shell.run("bf:data --kind sparse-teacher --n 10 --d 30 --sparsity 3 --seed 1 --out " + data);
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    /** The named analyzer column at each checkpoint of a run folder. */
    static List<Double> column(Path run, String name) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("checkpoints.csv"));
        int index = List.of(lines.get(0).split(",")).indexOf(name);
        return lines.subList(1, lines.size()).stream().map(line -> Double.parseDouble(line.split(",")[index]))
                .toList();
    }

    @Test
    void fullyConnectedNetworksGoToTheL2DirectionWhereDiagonalOnesDoNot() throws Exception {
        shell.dropIn("org.biasflow.example.fullyconnected");
        shell.awaitOutput("bf:services", text -> text.contains("fully-connected"));
        String targets = " --eps 1e-10,1e-100,1e-1000,1e-10000 --data " + data;

        shell.run("bf:run --model fully-connected --options width=20 --alpha 0.1 --out " + folder.resolve("fc")
                + targets);
        shell.run("bf:run --model diagonal --alpha 0.1 --out " + folder.resolve("diagonal") + targets);
        shell.run("bf:run --model fully-connected --options width=20 --alpha 10 --out " + folder.resolve("fc10")
                + targets);
        shell.run("bf:run --model fully-connected --options width=100 --alpha 0.1 --out " + folder.resolve("fc100")
                + targets);

        // An independent implementation measured 0.003 for this setting (N = 10, d = 30, width 20).
        double fullyConnected = column(folder.resolve("fc"), "l2_distance").get(3);
        double diagonal = column(folder.resolve("diagonal"), "l2_distance").get(3);
        assertTrue(fullyConnected < 0.01, "fully connected: " + fullyConnected);
        // width 100 is P = 3,100 parameters, followed by Krylov solves with the network's exact tangents
        double wide = column(folder.resolve("fc100"), "l2_distance").get(3);
        assertTrue(wide < 0.01, "fully connected, width 100: " + wide);
        assertTrue(Files.readString(folder.resolve("fc100").resolve("run.json")).contains("\"linear-solver\": \"krylov\""));
        assertTrue(diagonal > 0.3, "diagonal: " + diagonal);
        List<Double> large = column(folder.resolve("fc10"), "l2_distance");
        for (int k = 1; k < large.size(); k++) {
            assertTrue(large.get(k) < large.get(k - 1), "not monotone at α = 10: " + large);
        }
    }

    @Test
    void aDroppedInLossWorksInRunsAndSweeps() throws Exception {
        shell.dropIn("org.biasflow.example.tempered");
        shell.awaitOutput("bf:services", text -> text.contains("tempered-exponential"));

        String run = shell.run("bf:run --loss tempered-exponential --eps 1e-10,1e-1000 --out "
                + folder.resolve("tempered") + " --data " + data);
        String sweep = shell.run("bf:sweep --loss tempered-exponential --alphas 0.1,1 --depths 2 --eps 1e-10 --out "
                + folder.resolve("tempered-sweep") + " --data " + data);

        assertTrue(run.startsWith("completed: 2 checkpoints"), run);
        assertTrue(sweep.contains("done: 2 of 2"), sweep);
    }

    @Test
    void aBundleRemovedMidRunEndsThatRunNamingItAndKeepsItsCheckpoints() throws Exception {
        Path jar = shell.dropIn("org.biasflow.example.fullyconnected");
        shell.awaitOutput("bf:services", text -> text.contains("fully-connected"));
        Path out = folder.resolve("removed");
        // the explicit integrator: the stiff one now finishes this run in half a second, before the bundle can be
        // removed
        CompletableFuture<String> running = inBackground("bf:run --model fully-connected --alpha 1 --integrator"
                + " dormand-prince --eps 1e-1:1e-10,1e-10:1e-100000:40 --out " + out + " --data " + data);
        await(() -> checkpointRows(out) >= 2);
        assertFalse(running.isDone(), "the run ended before the bundle could be removed");

        Files.delete(jar);
        String message = running.get(30, TimeUnit.SECONDS);

        assertTrue(message.contains("model 'fully-connected' of bundle org.biasflow.example.fullyconnected"),
                message);
        assertTrue(message.contains("went away during the run"), message);
        assertTrue(checkpointRows(out) >= 2);
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"status\": \"failed\""));
        assertFalse(shell.awaitOutput("bf:services", text -> !text.contains("fully-connected"))
                .contains("fully-connected"));
        shell.dropIn("org.biasflow.example.fullyconnected");
    }

    /**
     * A loss that never returns from an evaluation, deaf to interrupts: bf:cancel still ends its run, whose record
     * names where the flow is stuck, and the framework goes on running. So does a model whose create() never returns,
     * before anything is written.
     */
    @Test
    void aRunStuckInADropInEndsWhenCancelledNamingWhereItIs() throws Exception {
        Path jar = shell.dropIn("org.biasflow.testing.faults");
        shell.awaitOutput("bf:services", text -> text.contains("spinning"));
        Path out = folder.resolve("spinning");
        CompletableFuture<String> running = inBackground("bf:run --loss spinning --eps 1e-10 --out " + out
                + " --data " + data);
        try {
            await(() -> Files.exists(out.resolve("points.csv")));
            shell.run("bf:cancel --out " + out);
            String message = running.get(60, TimeUnit.SECONDS);

            assertTrue(message.contains("cancelled by bf:cancel --out " + out + "; the flow did not return within"
                    + " 10 s: it is in org.biasflow.testing.faults.internal.SpinningLoss.evaluate (bundle"
                    + " org.biasflow.testing.faults 0.1.0.SNAPSHOT), and is left running"), message);
            assertTrue(Files.readString(out.resolve("run.json")).contains("\"status\": \"cancelled\""));
            String healthy = shell.run("bf:run --eps 1e-10 --out " + folder.resolve("after-spinning") + " --data "
                    + data);
            assertTrue(healthy.startsWith("completed"), healthy);

            Path never = folder.resolve("never-created");
            CompletableFuture<String> creating = inBackground("bf:run --model spinning-create --eps 1e-10 --out "
                    + never + " --data " + data);
            await(() -> shell.run("bf:cancel").contains("and 1 run(s)"));
            String left = creating.get(60, TimeUnit.SECONDS);
            assertTrue(left.contains("cancelled by bf:cancel; create() of model 'spinning-create' of bundle"
                    + " org.biasflow.testing.faults 0.1.0.SNAPSHOT did not return within 10 s: it is in"
                    + " org.biasflow.testing.faults.internal.SpinningModel.create"), left);
            assertFalse(Files.exists(never), "nothing written");
        } finally {
            Files.delete(jar); // the loss's deactivation ends its loop
            shell.awaitOutput("bf:services", text -> !text.contains("spinning"));
        }
    }

    /** A command run on another thread: what it printed, or the message it failed with. */
    private static CompletableFuture<String> inBackground(String command) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return shell.run(command);
            } catch (Exception e) {
                return e.getMessage();
            }
        });
    }

    /** Waits up to 30 s for the condition; the test's assertions then say what did not happen. */
    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.call() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    private static int checkpointRows(Path run) throws IOException {
        Path file = run.resolve("checkpoints.csv");
        return Files.exists(file) ? Files.readAllLines(file).size() - 1 : 0;
    }

    @Test
    void aThrowingOrNaNServiceFailsOnlyItsRunNamingItsBundle() throws Exception {
        shell.dropIn("org.biasflow.testing.faults");
        shell.awaitOutput("bf:services", text -> text.contains("not-a-number") && text.contains("throwing"));

        for (String loss : List.of("throwing", "not-a-number")) {
            String message;
            try {
                message = shell.run("bf:run --loss " + loss + " --eps 1e-10 --out " + folder.resolve(loss)
                        + " --data " + data);
            } catch (IllegalStateException e) {
                message = e.getMessage();
            }
            assertTrue(message.startsWith("failed"), loss + ": " + message);
            assertTrue(message.contains("loss '" + loss + "' of bundle org.biasflow.testing.faults"), message);
        }
        String healthy = shell.run("bf:run --eps 1e-10 --out " + folder.resolve("healthy") + " --data " + data);
        assertTrue(healthy.startsWith("completed"), healthy);
        assertEquals(0, shell.framework.context().getBundle(0).getState() & ~org.osgi.framework.Bundle.ACTIVE);
    }

    /**
     * Faults inside a model's create(), a model's parameter count, a loss's recursion and a component's activate
     * method: each fails only its own run, naming the service and its bundle, and a run that started leaves its
     * run.json.
     */
    @Test
    void everyDropInFaultNamesItsServiceAndBundle() throws Exception {
        shell.dropIn("org.biasflow.testing.faults");
        shell.awaitOutput("bf:services", text -> text.contains("recursing") && text.contains("short-parameters"));

        String bundle = " of bundle org.biasflow.testing.faults";
        assertTrue(failure("--model null-pointer").contains("model 'null-pointer'" + bundle + " 0.1.0.SNAPSHOT threw"
                + " java.lang.NullPointerException"));
        String shortParameters = failure("--model short-parameters --out " + folder.resolve("short"));
        assertTrue(shortParameters.contains("model 'short-parameters'" + bundle) && shortParameters.contains(
                "initial parameters, but its parameterCount() is 60"), shortParameters);
        Path recursing = folder.resolve("recursing");
        String overflow = failure("--loss recursing --out " + recursing);
        assertTrue(overflow.contains("loss 'recursing'" + bundle) && overflow.contains("StackOverflowError"),
                overflow);
        assertTrue(Files.readString(recursing.resolve("run.json")).contains("StackOverflowError"));
        String activation = failure("--loss failing-activation");
        assertTrue(activation.contains("loss 'failing-activation'" + bundle + " failed to activate:")
                && activation.contains("fails to activate on purpose"), activation);
        String healthy = shell.run("bf:run --eps 1e-10 --out " + folder.resolve("after-faults") + " --data " + data);
        assertTrue(healthy.startsWith("completed"), healthy);
    }

    private static String failure(String options) {
        try {
            return "unexpectedly succeeded: " + shell.run("bf:run --eps 1e-10 --data " + data + " " + options);
        } catch (Exception e) {
            return e.getMessage();
        }
    }
}
