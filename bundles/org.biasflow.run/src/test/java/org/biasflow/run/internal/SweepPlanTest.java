package org.biasflow.run.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.biasflow.api.DataSet;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Tolerances;
import org.biasflow.data.DataFiles;
import org.biasflow.run.Shard;
import org.biasflow.run.SweepRequest;
import org.biasflow.run.internal.SweepPlan.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlanTest {

    @TempDir
    Path folder;

    private DataSet data() throws Exception {
        return DataFiles.read(Files.writeString(folder.resolve("d.csv"), "1,1,0\n-1,0,1\n"));
    }

    private SweepPlan plan(List<Double> alphas, List<Integer> depths) throws Exception {
        return plan(new SweepRequest(folder.resolve("d.csv"), "diagonal", "exponential", alphas, depths,
                List.of(TargetLoss.parse("1e-10")), folder.resolve("out"), null, 1, Map.of()));
    }

    /** A sweep of the given settings over α ∈ {0.1, 1} at depth 2 (null for a setting not given). */
    private SweepRequest request(List<String> models, List<Long> seeds, List<double[]> shapes,
            Map<String, String> fixed, Map<String, List<String>> swept) {
        return new SweepRequest(folder.resolve("d.csv"), null, "exponential", List.of(0.1, 1.0), List.of(2),
                List.of(TargetLoss.parse("1e-10")), folder.resolve("out"), null, 1, fixed, false, false, null, models,
                seeds, shapes, List.of(), swept);
    }

    /** diagonal reads no option of its own (P = 2d); fully-connected reads width (P = width·(d + 1)). */
    private static final SweepPlan.Models MODELS = new SweepPlan.Models() {
        @Override
        public boolean reads(String model, String key) {
            return key.equals("rtol") || model.equals("fully-connected") && key.equals("width");
        }

        @Override
        public Network network(String model, ModelSpec spec) {
            if (model.equals("fully-connected")) {
                int parameters = Integer.parseInt(spec.options().getOrDefault("width", "20")) * 3;
                double[] drawn = new java.util.SplittableRandom(spec.seed()).doubles(parameters).toArray();
                return stubNetwork(parameters, drawn);
            }
            return stubNetwork(4, new double[4]);
        }
    };

    private static Network stubNetwork(int parameters, double[] initial) {
        return new Network() {
            @Override
            public int parameterCount() {
                return parameters;
            }

            @Override
            public double[] initialParameters() {
                return initial.clone();
            }

            @Override
            public void predictor(double[] w, double[] beta) {
            }

            @Override
            public void pullback(double[] w, double[] predictorGradient, double[] parameterGradient) {
            }
        };
    }

    private SweepPlan plan(SweepRequest request) throws Exception {
        return SweepPlan.of(request, data(), "bdf", new Tolerances(1e-10, 1e-12), MODELS);
    }

    private static List<Double> logSpaced(double from, double to, int n) {
        List<Double> values = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            values.add(Math.pow(10, Math.log10(from) + (Math.log10(to) - Math.log10(from)) * k / (n - 1)));
        }
        return values;
    }

    @Test
    void repeatedValuesRunOnceAndAreNamed() throws Exception {
        SweepPlan plan = plan(List.of(0.01, 0.1, 1.0, 10.0, 100.0, 1.0), List.of(2, 3, 2));

        assertEquals(10, plan.cells().size());
        assertEquals(List.of("alpha 1.0 appears more than once in --alphas; it is run once",
                "depth 2 appears more than once in --depths; it is run once"), plan.notes());
        Set<String> names = new HashSet<>();
        plan.cells().forEach(cell -> assertTrue(names.add(cell.folderName()), cell.folderName()));
    }

    @Test
    void shardsAreDisjointCompleteAndBalancedByCost() throws Exception {
        SweepPlan plan = plan(logSpaced(1e-3, 1e3, 13), List.of(2, 3));
        for (int count = 1; count <= 7; count++) {
            Set<Cell> seen = new HashSet<>();
            long most = 0;
            long least = Long.MAX_VALUE;
            long largest = plan.cells().stream().mapToLong(Cell::cost).max().orElseThrow();
            for (int index = 1; index <= count; index++) {
                List<Cell> slice = plan.slice(new Shard(index, count));
                slice.forEach(cell -> assertTrue(seen.add(cell), "in two shards: " + cell));
                long cost = slice.stream().mapToLong(Cell::cost).sum();
                most = Math.max(most, cost);
                least = Math.min(least, cost);
                assertEquals(slice.stream().sorted((a, b) -> Integer.compare(a.index(), b.index())).toList(), slice,
                        "a slice keeps the grid order");
            }
            assertEquals(plan.cells().size(), seen.size(), "every trajectory in some shard, for " + count);
            assertTrue(most - least <= largest, "shards of " + count + " differ by " + (most - least));
        }
    }

    @Test
    void costNotCountBalancesShards() throws Exception {
        // Small scales cost more: with one expensive and three cheap trajectories, two shards split 1 + 3.
        SweepPlan plan = plan(List.of(1e-6, 1.0, 10.0, 100.0), List.of(2));
        List<Cell> first = plan.slice(new Shard(1, 2));
        List<Cell> second = plan.slice(new Shard(2, 2));

        assertEquals(1, first.size(), first.toString());
        assertEquals(1e-6, first.get(0).alpha());
        assertEquals(3, second.size());
    }

    @Test
    void theDescriptionHoldsWhatDecidesResultsAndReadsBack() throws Exception {
        SweepPlan plan = plan(List.of(0.1, 1.0), List.of(2, 3));
        Files.createDirectories(folder.resolve("out"));
        Files.writeString(folder.resolve("out").resolve(SweepPlan.FILE), plan.manifest());

        SweepPlan read = SweepPlan.read(folder.resolve("out"));

        assertEquals(plan.cells(), read.cells());
        assertEquals(plan.manifest(), read.manifest());
        assertTrue(plan.manifest().contains("\"sha256\""), plan.manifest());
        assertTrue(!plan.manifest().contains(folder.toString()), "no paths: " + plan.manifest());
        SweepPlan other = plan(List.of(0.1, 2.0), List.of(2, 3));
        assertEquals("alphas", SweepPlan.differences(plan.manifest(), other.manifest()));
    }

    @Test
    void optionListsSeedsAndModelsMakeAProductGridEachModelWithTheOptionsItReads() throws Exception {
        SweepPlan plan = plan(request(List.of("diagonal", "fully-connected"), List.of(1L, 2L), List.of(),
                Map.of("rtol", "1e-8"), Map.of("width", List.of("2", "3"))));

        // diagonal: 2 alphas x 2 seeds; fully-connected: 2 alphas x 2 seeds x 2 widths
        assertEquals(4 + 8, plan.cells().size());
        assertEquals(List.of("model", "seed", "option.width"), plan.settings());
        Cell diagonal = plan.cells().get(0);
        assertEquals("alpha=0.1_depth=2_model=diagonal_seed=1", diagonal.folderName());
        assertEquals(Map.of("rtol", "1e-8"), diagonal.options(), "diagonal does not read width");
        assertEquals(List.of("model diagonal starts from the same parameters whatever the seed, so its 2 seeds give"
                + " the same trajectories: --seeds matters for models with a random initialization, such as"
                + " fully-connected"), plan.notes(), "fully-connected draws its initialization");
        assertEquals("", diagonal.setting("option.width"));
        Cell wide = plan.cells().get(plan.cells().size() - 1);
        assertEquals("alpha=1.0_depth=2_model=fully-connected_seed=2_width=3", wide.folderName());
        assertEquals(Map.of("rtol", "1e-8", "width", "3"), wide.options());
        assertEquals(List.of("fully-connected", "2", "3"), List.of(wide.setting("model"), wide.setting("seed"),
                wide.setting("option.width")));
        assertEquals(9, wide.parameters());
        assertEquals(SweepPlan.cost(1.0, 2, 9, 2), wide.cost(), "a larger network costs more");
        Set<String> names = new HashSet<>();
        plan.cells().forEach(cell -> assertTrue(names.add(cell.folderName()), cell.folderName()));
    }

    @Test
    void everyEntryOfTheDescriptionHoldsEverySettingOfItsTrajectoryAndReadsBack() throws Exception {
        SweepPlan plan = plan(request(List.of("fully-connected"), List.of(7L, 8L),
                List.of(new double[] {1.0}, new double[] {1.0, 0.5}), Map.of(), Map.of("width", List.of("2", "5"))));
        Path out = Files.createDirectories(folder.resolve("out"));
        Files.writeString(out.resolve(SweepPlan.FILE), plan.manifest());

        SweepPlan read = SweepPlan.read(out);

        assertEquals(plan.cells(), read.cells());
        assertEquals(plan.settings(), read.settings());
        Cell last = read.cells().get(read.cells().size() - 1);
        assertEquals("alpha=1.0_depth=2_seed=8_shape=#2_width=5", last.folderName());
        assertEquals("1.0 0.5", last.setting("shape"));
        String entry = plan.manifest().substring(plan.manifest().lastIndexOf("\"model\""));
        for (String field : List.of("\"alpha\": 1.0", "\"depth\": 2", "\"seed\": 8", "\"negative_shape\": null",
                "\"width\": \"5\"", "\"relative_tolerance\": 1.0E-10", "\"parameters\": 15",
                "\"folder\": \"runs/alpha=1.0_depth=2_seed=8_shape=#2_width=5\"")) {
            assertTrue(entry.contains(field), field + " in " + entry);
        }
    }

    @Test
    void repeatedSeedsShapesAndOptionValuesRunOnceAndAListOfOneValueIsNoColumn() throws Exception {
        SweepPlan plan = plan(request(List.of("fully-connected", "fully-connected"), List.of(3L, 3L),
                List.of(new double[] {2.0}, new double[] {2.0}), Map.of(), Map.of("width", List.of("4", "4"))));

        assertEquals(2, plan.cells().size());
        assertEquals(List.of(), plan.settings());
        assertEquals("alpha=0.1_depth=2", plan.cells().get(0).folderName());
        assertEquals(Map.of("width", "4"), plan.cells().get(0).options());
        assertEquals(4, plan.notes().size(), plan.notes().toString());
        assertTrue(plan.notes().contains("seed 3 appears more than once in --seeds; it is run once"), plan.notes()
                .toString());
        assertTrue(plan.notes().contains("value of option width 4 appears more than once in --options width=…;"
                + " it is run once"), plan.notes().toString());
    }

    @Test
    void aShapeOfTheWrongLengthOrAModelsRefusalNamesItsTrajectory() throws Exception {
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> plan(request(
                List.of("diagonal"), List.of(), List.of(new double[] {1.0}, new double[] {1.0, 2.0, 3.0}), Map.of(),
                Map.of())));
        assertEquals("--shape: shape 2 of 2 (1.0 2.0 3.0) has 3 values; give one value, or one per feature (the"
                + " data have 2)", length.getMessage());

        SweepPlan.Models refusing = new SweepPlan.Models() {
            @Override
            public boolean reads(String model, String key) {
                return true;
            }

            @Override
            public Network network(String model, ModelSpec spec) {
                if (spec.seed() == 2) {
                    throw new IllegalArgumentException("seed 2 is unlucky");
                }
                return stubNetwork(4, new double[4]);
            }
        };
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SweepPlan.of(
                request(List.of("diagonal"), List.of(1L, 2L), List.of(), Map.of(), Map.of()), data(), "bdf",
                new Tolerances(1e-10, 1e-12), refusing));
        assertEquals("trajectory runs/alpha=0.1_depth=2_seed=2 (model 'diagonal'): seed 2 is unlucky",
                refused.getMessage());
    }

    @Test
    void expectedCostGrowsWithTheNetworksSize() {
        assertEquals(SweepPlan.cost(1.0, 2, 4, 2), 1_000_000);
        assertEquals(SweepPlan.cost(1.0, 2, 40, 2), 10_000_000);
        assertEquals(SweepPlan.cost(1.0, 3, 4, 2), 1_250_000);
    }

    /** A grid of a folder per trajectory is bounded before any network is made: it ran out of memory before. */
    @Test
    void aGridOfMoreThanTheMostTrajectoriesIsRefusedAtOnce() throws Exception {
        List<Double> alphas = java.util.stream.IntStream.range(0, 50_001).mapToObj(k -> 1.0 + k).toList();

        assertEquals("the grid would have more than 100000 trajectories, a folder each: sweep fewer values at a"
                + " time", assertThrows(IllegalArgumentException.class, () -> plan(alphas, List.of(2, 3)))
                        .getMessage());
        assertEquals(2_000, plan(alphas.subList(0, 1_000), List.of(2, 3)).cells().size());
    }
}
