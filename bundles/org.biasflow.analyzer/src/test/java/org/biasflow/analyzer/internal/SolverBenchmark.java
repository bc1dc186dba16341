package org.biasflow.analyzer.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Norm;
import org.biasflow.analyzer.References;
import org.biasflow.analyzer.Threshold;
import org.biasflow.api.DataSet;
import org.biasflow.data.DataFiles;
import org.biasflow.data.SyntheticData;

/**
 * The measurements behind SOLVERS.md, too large for unit tests. Arguments: {@code l1|l2|threshold N d sparsity seed
 * [depth] [--write FILE]} on Gaussian data labelled by a sparse teacher; {@code --write} saves the data for the SciPy
 * cross-check.
 */
public final class SolverBenchmark {
    private SolverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        int n = Integer.parseInt(args[1]);
        int d = Integer.parseInt(args[2]);
        int sparsity = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        int depth = args.length > 5 && !args[5].startsWith("--") ? Integer.parseInt(args[5]) : 2;
        DataSet data = SyntheticData.sparseTeacher(n, d, sparsity, 0, seed).dataSet();
        int write = Arrays.asList(args).indexOf("--write");
        if (write >= 0) {
            DataFiles.write(Path.of(args[write + 1]), data);
        }
        long start = System.nanoTime();
        if (what.equals("threshold")) {
            Threshold threshold = References.threshold(data, 1, depth, 0.01);
            report(start, String.format(Locale.ROOT, "D = %d: rich mu %.6g, log10 eps %.6g; kernel mu %.6g; %d solves",
                    depth, threshold.richMu(), threshold.richLog10Loss(), threshold.kernelMu(), threshold.solves()));
            return;
        }
        MaxMargin result = References.maxMargin(data, what.equals("l1") ? Norm.L1 : Norm.L2);
        double[] beta = result.beta();
        report(start, String.format(Locale.ROOT, "%s N = %d, d = %d: norm %.12g, support %d, unique %s, %s", what, n, d,
                1 / result.maxMargin(), Arrays.stream(beta).filter(b -> b != 0).count(), result.unique(),
                result.certificate().describe()));
        if (write >= 0) {
            StringBuilder text = new StringBuilder();
            for (double b : beta) {
                text.append(b).append('\n');
            }
            java.nio.file.Files.writeString(Path.of(args[write + 1] + "." + what + ".beta"), text);
        }
    }

    private static void report(long start, String line) {
        System.out.printf(Locale.ROOT, "%.2f s  %s%n", (System.nanoTime() - start) * 1e-9, line);
    }
}
