package org.biasflow.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.biasflow.api.AnalysisContext;
import org.biasflow.api.Analyzer;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.CheckpointMeasure;
import org.biasflow.api.DataSet;
import org.biasflow.api.RunControl;
import org.biasflow.data.DataFiles;
import org.biasflow.run.RunOutcome;
import org.biasflow.run.RunRequest;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceInfo;
import org.biasflow.run.TrajectoryRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisCommandsTest {

    @TempDir
    Path folder;

    /** x̃₁ = (3, 0, 1), x̃₂ = (0, 3, 1): ℓ1 solution (1/3, 1/3, 0), ℓ2 solution (3, 3, 2)/11. */
    private Path handData() throws IOException {
        Path data = folder.resolve("hand.csv");
        DataFiles.write(data, new DataSet(new double[][] {{3, 0, 1}, {0, -3, -1}}, new int[] {1, -1}, "hand"));
        return data;
    }

    /** An analyzer reporting the first coordinate of β, standing in for the registered ones. */
    private static AnalysisCommands withAnalyzer(Analyzer analyzer) {
        AnalysisCommands commands = new AnalysisCommands();
        commands.catalog = new ServiceCatalog() {
            @Override
            public List<ServiceInfo> services() {
                return List.of();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <S> Selected<S> select(Class<S> type, String name) {
                return new Selected<>((S) analyzer, new ServiceInfo("analyzer", name, "first", "test", "1"));
            }

            @Override
            public boolean isRegistered(Object service) {
                return true;
            }

            @Override
            public List<String> names(Class<?> type) {
                return List.of("first");
            }
        };
        commands.runner = workingIn(List.of());
        return commands;
    }

    /** A run engine that only says who works in a folder: {@code holders}, whatever the folder. */
    private static TrajectoryRunner workingIn(List<String> holders) {
        return new TrajectoryRunner() {
            @Override
            public RunOutcome run(RunRequest request, RunControl listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Object> defaults() {
                return Map.of();
            }

            @Override
            public int cancelAll() {
                return 0;
            }

            @Override
            public List<String> cancel(Path folder) {
                return List.of();
            }

            @Override
            public List<String> workingIn(Path folder) {
                return holders;
            }
        };
    }

    @Test
    void maxMarginIsPrintedWithItsCertificateAndWritten() throws IOException {
        Path out = folder.resolve("l2.csv");

        String text = new AnalysisCommands().maxmargin(handData().toString(), "l2", out.toString(), false);

        assertTrue(text.startsWith("l2 max margin 2.34520787991"), text);
        assertTrue(text.contains("certified"), text);
        List<String> lines = Files.readAllLines(out);
        assertEquals("feature,beta", lines.get(2));
        assertEquals(3.0 / 11, Double.parseDouble(lines.get(3).split(",")[1]), 1e-15);
    }

    @Test
    void badInputsFailWithAMessage() throws IOException {
        String data = handData().toString();
        AnalysisCommands commands = new AnalysisCommands();
        commands.runner = workingIn(List.of());

        assertTrue(assertThrows(IllegalArgumentException.class, () -> commands.predict(data, "0", 2, "", false))
                .getMessage().contains("mu must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> commands.predict(data, "", 2, "", false))
                .getMessage().contains("--mu"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> commands.maxmargin(data, "l3", "", false))
                .getMessage().contains("not l1 or l2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> commands.threshold("", "1", 2, 0.01, "", "", false,
                AnalysisCommands.MEASURE_TARGETS, "", false))
                .getMessage().contains("--data"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> commands.threshold(data, "1", 2, 0.01, "", "",
                false, AnalysisCommands.MEASURE_TARGETS, "runs/t", false)).getMessage()
                .startsWith("--out is for the measuring run's folder, and there is none without --measure"));
        assertThrows(IllegalArgumentException.class, () -> commands.analyze(folder.resolve("none").toString()));
    }

    /** A predictor's file never replaces the data read, nor, without --overwrite, any other existing file. */
    @Test
    void aPredictorIsWrittenOnlyWhereNothingWouldBeLost() throws IOException {
        Path data = handData();
        String original = Files.readString(data);
        Path earlier = folder.resolve("earlier.csv");
        Files.writeString(earlier, "kept\n");
        AnalysisCommands commands = new AnalysisCommands();

        assertEquals("--out " + data + " is the file this command reads (" + data + "): writing there would replace"
                + " it; name another file", assertThrows(IllegalArgumentException.class,
                        () -> commands.maxmargin(data.toString(), "l1", data.toString(), true)).getMessage());
        assertEquals(earlier + " already exists; add --overwrite to replace it, or name another --out",
                assertThrows(IllegalArgumentException.class,
                        () -> commands.predict(data.toString(), "1", 2, earlier.toString(), false)).getMessage());
        assertEquals(original, Files.readString(data));
        assertEquals("kept\n", Files.readString(earlier));

        commands.predict(data.toString(), "1", 2, earlier.toString(), true);
        assertTrue(Files.readString(earlier).startsWith("# Q_mu minimizer"));
    }

    @Test
    void thresholdPrintsBothRegimesAndWhatThePredictionIs() throws IOException {
        String text = new AnalysisCommands().threshold(handData().toString(), "1", 2, 0.2, "", "", false,
                AnalysisCommands.MEASURE_TARGETS, "", false);

        assertTrue(text.contains("rich (l1)") && text.contains("kernel (l2)"), text);
        assertTrue(text.contains("Q_mu path at mu = alpha^D u^D / gamma"), text);
    }

    @Test
    void aShapeIsTheScaleItStandsForAndAnUnequalOneHasNoKernelSide() throws IOException {
        String data = handData().toString();
        String shaped = new AnalysisCommands().threshold(data, "1", 2, 0.2, "2", "", false,
                AnalysisCommands.MEASURE_TARGETS, "", false);
        String scaled = new AnalysisCommands().threshold(data, "2", 2, 0.2, "", "", false,
                AnalysisCommands.MEASURE_TARGETS, "", false);
        String unequal = new AnalysisCommands().threshold(data, "1", 2, 0.2, "", "0.5", false,
                AnalysisCommands.MEASURE_TARGETS, "", false);

        assertTrue(shaped.contains("so mu is that of alpha 2.00000 with shape 1"), shaped);
        assertEquals(scaled.substring(scaled.indexOf("REGIME")), shaped.substring(shaped.indexOf("REGIME")));
        assertTrue(unequal.contains("weighted l2 predictor"), unequal);
    }

    @Test
    void thresholdAtDepthThreeSaysTheTheoryDoesNotApplyInsteadOfANumber() throws IOException {
        String text = new AnalysisCommands().threshold(handData().toString(), "1", 3, 0.1, "", "", false,
                AnalysisCommands.MEASURE_TARGETS, "", false);

        assertTrue(text.contains("the theory does not apply at depth 3") && text.contains("||beta||_{2/D}"), text);
        assertTrue(text.lines().filter(line -> line.startsWith("rich (l1)")).allMatch(line -> line.contains("n/a")),
                text);
    }

    @Test
    void analyzeRewritesTheAnalyzerColumnsOfARunFolder() throws IOException {
        Path data = handData();
        Path run = Files.createDirectories(folder.resolve("run"));
        Files.writeString(run.resolve("run.json"), "{\n  \"configuration\": {\n    \"data\": \"hand.csv\",\n"
                + "    \"model\": \"diagonal\",\n    \"depth\": 2,\n    \"alpha\": 1.0,\n    \"shape\": [\n      0.5,\n"
                + "      2.0,\n      1.0\n    ],\n    \"negative_shape\": null,\n    \"loss\": \"exponential\"\n"
                + "  },\n  \"data\": {\n    \"file\": \"" + data.toAbsolutePath() + "\",\n    \"sha256\": \""
                + DataFiles.hash(DataFiles.read(data)) + "\"\n  }\n}\n");
        Files.writeString(run.resolve("checkpoints.csv"), "target,log10_target,log10_loss,log10_time,evaluations,old,beta_1,beta_2,beta_3\n"
                + "1e-10,-10.0,-10.0,NaN,12,7.0,0.5,0.25,0.125\n");

        String text = withAnalyzer(context -> new CheckpointMeasure() {
            @Override
            public List<String> columns() {
                return List.of("first_beta", "depth", "shape_2");
            }

            @Override
            public double[] measure(Checkpoint checkpoint) {
                return new double[] {checkpoint.beta()[0], depthOf(context), context.spec().shape()[1]};
            }
        }).analyze(run.toString());

        assertTrue(text.startsWith("rewrote"), text);
        assertEquals(List.of("target,log10_target,log10_loss,log10_time,evaluations,first_beta,depth,shape_2,beta_1,"
                + "beta_2,beta_3", "1e-10,-10.0,-10.0,NaN,12,0.5,2.0,2.0,0.5,0.25,0.125"),
                Files.readAllLines(run.resolve("checkpoints.csv")));
    }

    private static double depthOf(AnalysisContext context) {
        return context.spec().depth();
    }

    @Test
    void analyzeRefusesARunWhoseDataChanged() throws IOException {
        Path data = handData();
        Path run = Files.createDirectories(folder.resolve("run"));
        Files.writeString(run.resolve("run.json"), "{\"data\": {\"file\": \"" + data.toAbsolutePath()
                + "\", \"sha256\": \"0\"}, \"model\": \"m\", \"depth\": 2, \"alpha\": 1, \"loss\": \"l\"}");
        Files.writeString(run.resolve("checkpoints.csv"), "target,log10_loss,log10_time,evaluations\n");

        assertTrue(assertThrows(IllegalArgumentException.class, () -> withAnalyzer(null).analyze(run.toString()))
                .getMessage().contains("has changed since " + run.resolve("run.json") + " was written"));
    }

    /** Cut in half, a record lacks fields it had: what is said is that it was cut, not which field went missing. */
    @Test
    void analyzeCallsARunJsonCutShortSo() throws IOException {
        Path run = Files.createDirectories(folder.resolve("run"));
        String record = "{\n  \"configuration\": {\"model\": \"m\", \"depth\": 2, \"alpha\": 1, \"loss\": \"l\"},\n"
                + "  \"data\": {\"file\": \"" + handData().toAbsolutePath() + "\", \"sha256\": \"0\"}\n}\n";
        Files.writeString(run.resolve("run.json"), record.substring(0, record.indexOf("\"data\"")));
        Files.writeString(run.resolve("checkpoints.csv"), "target,log10_loss,log10_time,evaluations\n");

        assertEquals(run.resolve("run.json") + " is cut short or not valid JSON (its brackets or a text do not close):"
                + " it is no record of a run", assertThrows(IllegalArgumentException.class,
                        () -> withAnalyzer(null).analyze(run.toString())).getMessage());
    }

    /** A run still going on: its checkpoints.csv still grows and its run.json is not written yet. */
    @Test
    void analyzeRefusesARunFolderInUseNamingWhoUsesIt() {
        AnalysisCommands commands = withAnalyzer(null);
        commands.runner = workingIn(List.of("bf:run (pid 42, user ana, host lab, since 2026-12-01T15:11:02Z)"));

        assertEquals("run is in use by bf:run (pid 42, user ana, host lab, since 2026-12-01T15:11:02Z): run"
                + " bf:analyze run once it has ended", assertThrows(IllegalStateException.class,
                        () -> commands.analyze("run")).getMessage());
    }
}
