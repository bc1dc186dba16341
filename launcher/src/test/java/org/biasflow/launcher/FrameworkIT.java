package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** The real bundle set in a real Felix framework, driven as the shell drives it. */
class FrameworkIT {

    @TempDir
    static Path folder;

    static TestShell shell;
    static EmbeddedFramework framework;
    static Path load;

    @BeforeAll
    static void start() throws IOException {
        shell = new TestShell(folder);
        framework = shell.framework;
        load = shell.load;
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    static String run(String command) throws Exception {
        return shell.run(command);
    }

    static String awaitOutput(String command, Predicate<String> condition) throws Exception {
        return shell.awaitOutput(command, condition);
    }

    @Test
    void everyBundleIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : framework.context().getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE) {
                notActive.add(bundle.getSymbolicName() + " in state " + bundle.getState());
            }
        }
        assertEquals(List.of(), notActive);
        assertTrue(framework.context().getBundles().length >= 20);
    }

    @Test
    void everyServiceIsRegisteredWithItsProperties() throws Exception {
        Map<String, String> kindsByName = new TreeMap<>();
        for (ServiceReference<?> reference : framework.context().getServiceReferences((String) null,
                "(biasflow.kind=*)")) {
            String name = (String) reference.getProperty("biasflow.name");
            kindsByName.put(name, (String) reference.getProperty("biasflow.kind"));
            Object description = reference.getProperty("biasflow.description");
            assertTrue(description instanceof String text && !text.isBlank(), name + " has no description");
        }
        assertEquals(Map.of(
                "diagonal", "model",
                "exponential", "loss",
                "logistic", "loss",
                "bdf", "integrator",
                "dormand-prince", "integrator",
                "gradient-descent", "integrator",
                "margins", "analyzer",
                "regimes", "analyzer"), kindsByName);
    }

    @Test
    void servicesCommandListsEachServiceWithItsBundle() throws Exception {
        String table = run("bf:services");

        assertTrue(table.startsWith("KIND"), table);
        assertTrue(table.contains("org.biasflow.model.diagonal"), table);
        for (String name : List.of("diagonal", "exponential", "logistic", "bdf", "dormand-prince",
                "gradient-descent", "margins")) {
            assertTrue(table.contains(" " + name + " "), name + " missing from\n" + table);
        }
    }

    @Test
    void everyCommandIsDescribed() throws Exception {
        String help = run("help bf:run");

        assertTrue(help.contains("--alpha"), help);
        assertTrue(help.contains("initialization scale"), help);
    }

    @Test
    void aBundleDroppedInAppearsAndLeavesWithItsFile() throws Exception {
        Path jar = shell.dropIn("org.biasflow.example.tempered");

        String withIt = awaitOutput("bf:services", text -> text.contains("tempered-exponential"));
        assertTrue(withIt.contains("org.biasflow.example.tempered"), withIt);

        Files.delete(jar);
        String without = awaitOutput("bf:services", text -> !text.contains("tempered-exponential"));
        assertTrue(!without.contains("tempered-exponential") && without.contains("exponential"), without);
    }

    @Test
    void aConfigurationFileChangesADefault() throws Exception {
        assertTrue(run("bf:defaults").contains("bdf"));
        Path config = load.resolve("org.biasflow.run.cfg");
        Files.writeString(config, "integrator = dormand-prince\nrelativeTolerance = 1e-8\n");
        try {
            String changed = awaitOutput("bf:defaults", text -> text.contains("dormand-prince"));
            assertTrue(changed.contains("dormand-prince") && changed.contains("1.0E-8"), changed);
        } finally {
            Files.delete(config);
        }
        assertTrue(awaitOutput("bf:defaults", text -> text.contains("bdf")).contains("bdf"));
    }

    @Test
    void aRunThroughTheShellWritesItsRecord() throws Exception {
        Path data = folder.resolve("data.csv");
        Path out = folder.resolve("run");
        run("bf:data --kind sparse-teacher --n 8 --d 12 --seed 3 --out " + data);

        String summary = run("bf:run --data " + data + " --alpha 1 --eps 1e-1,1e-10,1e-100 --out " + out);

        assertTrue(summary.startsWith("completed: 3 checkpoints"), summary);
        List<String> rows = Files.readAllLines(out.resolve("checkpoints.csv"));
        assertEquals(4, rows.size());
        assertTrue(rows.get(0).contains("log10_loss") && rows.get(0).endsWith("beta_12"), rows.get(0));
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"status\": \"completed\""));
    }

    @Test
    void aSweepIsByteIdenticalWithOneAndTwoThreads() throws Exception {
        Path data = folder.resolve("sweep-data.csv");
        run("bf:data --kind sparse-teacher --n 10 --d 20 --sparsity 2 --seed 5 --out " + data);
        String grid = " --alphas 0.1,1,10 --depths 2,3 --eps 1e-1:1e-3,1e-10:1e-1000:3 --data " + data;

        String one = run("bf:sweep --threads 1 --out " + folder.resolve("one") + grid);
        run("bf:sweep --threads 2 --out " + folder.resolve("two") + grid);

        assertTrue(one.contains("done: 6 of 6 trajectories"), one);
        byte[] table = Files.readAllBytes(folder.resolve("one/sweep.csv"));
        assertEquals(1 + 6 * 6, Files.readAllLines(folder.resolve("one/sweep.csv")).size());
        assertTrue(java.util.Arrays.equals(table, Files.readAllBytes(folder.resolve("two/sweep.csv"))),
                "sweep.csv differs between 1 and 2 threads");
    }

    @Test
    void theMainJobWritesPlotsAndAReport() throws Exception {
        Path out = folder.resolve("reproduction");

        String summary = run("bf:reproduce --quick --out " + out);

        assertTrue(summary.contains("sparse-teacher: 10 of 10 trajectories"), summary);
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| α | ℓ1 ratio ≥ 0.9 at ε |"), report);
        for (String figure : List.of("sparse-teacher-depth2-l1-margin-ratio", "two-clusters-depth3-phase-l2",
                "sparse-teacher-depth2-intermediate")) {
            assertTrue(Files.size(out.resolve("figures/" + figure + ".png")) > 1000, figure);
            assertTrue(Files.readString(out.resolve("figures/" + figure + ".svg")).startsWith("<?xml"), figure);
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("data:image/png;base64,"));
    }
}
