package org.biasflow.run.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.biasflow.api.DataSet;
import org.biasflow.api.TargetLoss;
import org.biasflow.data.DataFiles;
import org.biasflow.run.Shard;
import org.biasflow.run.SweepRequest;
import org.biasflow.run.internal.SweepPlan.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlanTest {

    @TempDir
    Path folder;

    private SweepPlan plan(List<Double> alphas, List<Integer> depths) throws Exception {
        Path data = Files.writeString(folder.resolve("d.csv"), "1,1,0\n-1,0,1\n");
        DataSet set = DataFiles.read(data);
        return SweepPlan.of(new SweepRequest(data, "diagonal", "exponential", alphas, depths,
                List.of(TargetLoss.parse("1e-10")), folder.resolve("out"), null, 1, Map.of()), set, "bdf",
                new double[] {1e-10, 1e-12});
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
}
