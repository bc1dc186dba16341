package org.biasflow.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.biasflow.api.DataSet;
import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.data.Folders;
import org.biasflow.data.DataFiles;
import org.biasflow.data.SyntheticData;
import org.biasflow.integrator.FlowBenchmark;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.SweepListener;
import org.biasflow.run.SweepOutcome;
import org.biasflow.run.SweepRequest;
import org.biasflow.run.SweepRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code bf:bench}: speed figures printed as ratios against a baseline measured in the same process. */
@Component(service = BenchCommands.class, property = {
        "osgi.command.scope=bf",
        "osgi.command.function=bench" })
public class BenchCommands {

    @Reference
    ServiceCatalog catalog;

    @Reference
    SweepRunner sweeps;

    @Descriptor("benchmark the integrators (wall time and evaluations to 1e-10 ... 1e-1000000, stiff/explicit"
            + " ratios), or with --sweep the sweep's trajectories per second with 1 and 2 threads, or with"
            + " --data-files the reading of a data file")
    public String bench(
            @Descriptor("how many problem sizes: 1 (N=10,d=30), 2 (+ N=100,d=1000), 3 (+ N=1000,d=10000) (default 2)")
            @Parameter(names = "--sizes", absentValue = "2") int sizes,
            @Descriptor("measure sweep throughput instead")
            @Parameter(names = "--sweep", presentValue = "true", absentValue = "false") boolean sweep,
            @Descriptor("measure networks followed in their parameters instead (fully-connected rows need its bundle"
                    + " in the load folder)")
            @Parameter(names = "--generic", presentValue = "true", absentValue = "false") boolean generic,
            @Descriptor("measure reading the CSV of bf:data --kind sparse-teacher --n 1000 --d 10000 --seed 1 (196 MB)"
                    + " instead, against its lines split and each field converted by Double.parseDouble")
            @Parameter(names = "--data-files", presentValue = "true", absentValue = "false") boolean dataFiles) {
        List<String> instead = new ArrayList<>();
        if (sweep) {
            instead.add("--sweep");
        }
        if (generic) {
            instead.add("--generic");
        }
        if (dataFiles) {
            instead.add("--data-files");
        }
        if (instead.size() > 1) {
            throw new IllegalArgumentException(String.join(" and ", instead) + " are different benchmarks: give one");
        }
        if (!instead.isEmpty() && sizes != 2) {
            throw new IllegalArgumentException("--sizes sets the problems of the integrators' benchmark, which "
                    + instead.get(0) + " replaces: leave --sizes out");
        }
        if (sweep) {
            return sweepThroughput();
        }
        if (dataFiles) {
            return dataFileReading();
        }
        if (generic) {
            Model fullyConnected = catalog.names(Model.class).contains("fully-connected")
                    ? catalog.select(Model.class, "fully-connected").service() : null;
            FlowBenchmark.generic(catalog.select(Model.class, "diagonal").service(), fullyConnected,
                    catalog.select(Loss.class, "exponential").service(), System.out::println);
            return null;
        }
        if (sizes < 1 || sizes > 3) {
            throw new IllegalArgumentException("--sizes must be 1, 2 or 3, got " + sizes);
        }
        FlowBenchmark.run(catalog.select(Model.class, "diagonal").service(),
                catalog.select(Loss.class, "exponential").service(), sizes, System.out::println);
        return null;
    }

    /**
     * Sweep throughput with 1 and 2 threads, for the main job's first data set and grid (tiny trajectories, where
     * per-trajectory overhead shows) and for heavier ones (N = 100, d = 1000, where the flows' own work does).
     */
    private String sweepThroughput() {
        return inTemporaryFolder("sweep", folder -> throughput(
                "sweep of 26 trajectories (N=20, d=50, 13 alphas, depths 2 and 3, to 1e-10000)",
                folder.resolve("tiny"), SyntheticData.sparseTeacher(20, 50, 3, 0.0, 1).dataSet(),
                Arguments.values("1e-3:1e3:13"), List.of(2, 3), 20, 5)
                + throughput("sweep of 8 trajectories (N=100, d=1000, 4 alphas, depths 2 and 3, to 1e-10000)",
                        folder.resolve("heavy"), SyntheticData.sparseTeacher(100, 1000, 3, 0.0, 1).dataSet(),
                        Arguments.values("1e-1:1e2:4"), List.of(2, 3), 1, 3));
    }

    /** A benchmark's work in a folder of its own. */
    private interface InFolder {
        String run(Path folder) throws IOException;
    }

    /** Runs a benchmark in a new temporary folder, removed afterwards (it holds some hundred MB). */
    private static String inTemporaryFolder(String benchmark, InFolder work) {
        Path folder;
        try {
            folder = Files.createTempDirectory("biasflow-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the " + benchmark + " benchmark: " + e.getMessage(), e);
        }
        try {
            return work.run(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the " + benchmark + " benchmark: " + e.getMessage(), e);
        } finally {
            removeQuietly(folder);
        }
    }

    /**
     * Reading a data file as {@code bf:run} does, against a baseline read in the same process: the same lines split at
     * the commas and every field converted by {@link Double#parseDouble}, on every core too. Two copies of the file
     * are read in turn, since {@link DataFiles#load} keeps the last file it read; the first round warms the JIT, the
     * medians of three follow. The values of both reads are compared bit for bit.
     */
    private String dataFileReading() {
        return inTemporaryFolder("data file", folder -> {
            Path[] copies = {folder.resolve("a.csv"), folder.resolve("b.csv")};
            DataFiles.write(copies[0], SyntheticData.sparseTeacher(1000, 10000, 1, 0.0, 1).dataSet());
            Files.copy(copies[0], copies[1]);
            int rounds = 4;
            double[] reading = new double[rounds - 1];
            double[] baseline = new double[rounds - 1];
            boolean same = true;
            for (int round = 0; round < rounds; round++) {
                Path file = copies[round % 2];
                long start = System.nanoTime();
                DataSet read = DataFiles.load(file).data();
                long middle = System.nanoTime();
                double[][] parsed = parsedByTheJdk(file);
                long end = System.nanoTime();
                if (round > 0) {
                    reading[round - 1] = (middle - start) / 1e9;
                    baseline[round - 1] = (end - middle) / 1e9;
                }
                for (int n = 0; n < read.size() && same; n++) {
                    same = java.util.Arrays.equals(read.point(n), parsed[n]);
                }
            }
            double ours = median(reading);
            double theirs = median(baseline);
            return String.format(Locale.ROOT, "reading a CSV of %.0f MB (N=1000, d=10000): %.2f s (median of %s s);"
                    + " split and Double.parseDouble: %.2f s (median of %s s); %.1fx as fast; the same values bit for"
                    + " bit: %s%n", Files.size(copies[0]) / 1e6, ours, rounded(reading), theirs, rounded(baseline),
                    theirs / ours, same ? "yes" : "NO");
        });
    }

    /** The file's points, its header skipped and its first field (the label) left out. */
    private static double[][] parsedByTheJdk(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size()).parallelStream().map(line -> {
            String[] fields = line.split(",");
            double[] point = new double[fields.length - 1];
            for (int i = 1; i < fields.length; i++) {
                point[i - 1] = Double.parseDouble(fields[i]);
            }
            return point;
        }).toArray(double[][]::new);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static List<String> rounded(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(value -> String.format(Locale.ROOT, "%.2f", value)).toList();
    }

    /** A benchmark's folder; one that cannot be removed is left in the temporary folder, and said so. */
    private static void removeQuietly(Path folder) {
        try {
            Folders.deleteTree(folder);
        } catch (IOException e) {
            System.err.println("bf:bench: could not remove " + folder + ": " + e.getMessage());
        }
    }

    /**
     * Sweeps of 1 and 2 threads in turn, so that a change of the machine's load falls on both, after
     * {@code warmUpRounds} that let the JIT compile the code and fill the data's max-margin cache: a sweep of short
     * trajectories takes some twenty rounds to settle, and while the JIT's compiler thread takes one of two cores the
     * 2-thread sweeps look slower than they are. After ten, the first 2-thread rounds measured still took 0.57–0.95 s
     * and the last 0.38–0.59 s, the 1-thread ones 0.9 s throughout: the speed-up came out 1.42–1.69 from run to run;
     * after twenty, 1.71–1.72. The medians of {@code measuredRounds} are reported.
     */
    private String throughput(String title, Path folder, DataSet dataSet, List<Double> alphas, List<Integer> depths,
            int warmUpRounds, int measuredRounds) throws IOException {
        Path data = folder.resolve("data.csv");
        DataFiles.write(data, dataSet);
        int round = 0;
        for (; round < warmUpRounds; round++) {
            sweepSeconds(data, alphas, depths, folder.resolve("round-" + round), 2 - round % 2);
        }
        double[][] seconds = new double[3][measuredRounds];
        for (int measured = 0; measured < measuredRounds; measured++) {
            for (int threads = 1; threads <= 2; threads++) {
                seconds[threads][measured] = sweepSeconds(data, alphas, depths, folder.resolve("round-" + round++),
                        threads);
            }
        }
        StringBuilder text = new StringBuilder(title).append('\n');
        int trajectories = alphas.size() * depths.size();
        double[] perSecond = new double[3];
        for (int threads = 1; threads <= 2; threads++) {
            double median = median(seconds[threads]);
            perSecond[threads] = trajectories / median;
            text.append(String.format(Locale.ROOT, "%d thread(s): %.2f s (median of %s s), %.2f trajectories/s%n",
                    threads, median, rounded(seconds[threads]), perSecond[threads]));
        }
        return text.append(String.format(Locale.ROOT, "speed-up with 2 threads: %.2f%n",
                perSecond[2] / perSecond[1])).toString();
    }

    private double sweepSeconds(Path data, List<Double> alphas, List<Integer> depths, Path out, int threads) {
        SweepOutcome outcome = sweeps.sweep(new SweepRequest(data, "diagonal", "exponential", alphas, depths,
                Arguments.targets("1e-1:1e-10,1e-10:1e-10000:4"), out, null, threads,
                Map.of("max-evaluations", "40000")), SweepListener.progressLine(System.out));
        if (outcome.finished() != alphas.size() * depths.size()) {
            throw new IllegalStateException("the benchmark sweep in " + out + " finished " + outcome.finished()
                    + " of " + alphas.size() * depths.size() + " trajectories");
        }
        return outcome.wallSeconds();
    }
}
