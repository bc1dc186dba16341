package org.biasflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import org.biasflow.api.DataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticDataTest {
    static Stream<Arguments> generators() {
        return Stream.of(
                Arguments.of(SyntheticData.SPARSE_TEACHER, (LongFunction<GeneratedData>) seed -> SyntheticData.sparseTeacher(40, 7, 3, 0.5, seed)),
                Arguments.of(SyntheticData.TWO_CLUSTERS, (LongFunction<GeneratedData>) seed -> SyntheticData.twoClusters(40, 7, 1, 2, seed)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void theSameSeedGivesTheSameDataSetAndAnotherSeedAnother(String kind, LongFunction<GeneratedData> generator) {
        GeneratedData first = generator.apply(11);
        GeneratedData again = generator.apply(11);
        GeneratedData other = generator.apply(12);

        for (int n = 0; n < first.dataSet().size(); n++) {
            assertArrayEquals(first.dataSet().point(n), again.dataSet().point(n), 0.0);
            assertEquals(first.dataSet().label(n), again.dataSet().label(n));
        }
        assertArrayEquals(first.separator(), again.separator(), 0.0);
        assertEquals(DataFiles.hash(first.dataSet()), DataFiles.hash(again.dataSet()));
        assertNotEquals(DataFiles.hash(first.dataSet()), DataFiles.hash(other.dataSet()));
    }

    // Pinned so that a change to the random stream, which would silently change every user's seeded data, fails here.
    @Test
    void aSeedGivesTheSameDataSetInEveryReleaseAndOnEveryJvm() {
        assertEquals("f67cece84a426c0adbf0b628ecc51194faa641d9f0f9ef42ac22573930e252b0", DataFiles.hash(SyntheticData.sparseTeacher(5, 4, 2, 0.5, 1).dataSet()));
        assertEquals("6f3ac1c6de3f3f1562fe75db5593d67dc9d6dca094f641be027e5c7c872e77ef", DataFiles.hash(SyntheticData.twoClusters(5, 4, 3, 1, 1).dataSet()));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.7, 3, 8})
    void sparseTeacherLabelsFollowTheTeacherAndKeepTheMargin(double margin) {
        int sparsity = 3;
        GeneratedData generated = SyntheticData.sparseTeacher(500, 12, sparsity, margin, 5);
        DataSet data = generated.dataSet();
        double[] teacher = new double[12];
        int nonzero = 0;
        for (int i = 0; i < teacher.length; i++) {
            double entry = generated.separator()[i];
            if (entry != 0) {
                nonzero++;
                assertEquals(1 / Math.sqrt(sparsity), Math.abs(entry), 1e-15);
                teacher[i] = Math.signum(entry);
            }
        }
        assertEquals(sparsity, nonzero);

        int positive = 0;
        for (int n = 0; n < data.size(); n++) {
            double score = dot(teacher, data.point(n));
            assertEquals(Math.signum(score), data.label(n), "point " + n);
            assertTrue(score != 0 && Math.abs(score) >= margin * Math.sqrt(sparsity), "point " + n + " score " + score);
            positive += data.label(n) > 0 ? 1 : 0;
        }
        assertTrue(positive > 200 && positive < 300, positive + " of 500 labels positive");
    }

    @Test
    void sparseTeacherFeaturesAreStandardGaussianWithoutAMargin() {
        DataSet data = SyntheticData.sparseTeacher(20_000, 3, 2, 0, 9).dataSet();
        for (int i = 0; i < 3; i++) {
            double sum = 0;
            double sumOfSquares = 0;
            for (int n = 0; n < data.size(); n++) {
                double x = data.point(n)[i];
                sum += x;
                sumOfSquares += x * x;
            }
            assertEquals(0, sum / data.size(), 0.03, "mean of x" + (i + 1));
            assertEquals(1, sumOfSquares / data.size(), 0.04, "variance of x" + (i + 1));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, 10})
    void twoClustersAreStrictlySeparatedByTheAxisThroughTheirCentres(double spread) {
        GeneratedData generated = SyntheticData.twoClusters(301, 5, 2, spread, 3);
        DataSet data = generated.dataSet();
        double[] axis = generated.separator();

        assertEquals(1, Math.sqrt(dot(axis, axis)), 1e-12);
        for (int n = 0; n < data.size(); n++) {
            assertEquals(n % 2 == 0 ? 1 : -1, data.label(n));
            assertTrue(data.label(n) * dot(axis, data.point(n)) > 0, "point " + n);
        }
    }

    @Test
    void twoClustersSitAroundCentresSeparationApart() {
        GeneratedData generated = SyntheticData.twoClusters(20_000, 4, 6, 0.5, 8);
        DataSet data = generated.dataSet();
        double[] positiveMean = new double[4];
        for (int n = 0; n < data.size(); n += 2) {
            double[] point = data.point(n);
            for (int i = 0; i < 4; i++) {
                positiveMean[i] += point[i] * 2 / data.size();
            }
        }

        double[] expectedCentre = generated.separator();
        for (int i = 0; i < 4; i++) {
            expectedCentre[i] *= 3;
        }
        assertArrayEquals(expectedCentre, positiveMean, 0.02);
    }

    @Test
    void generateByNameMatchesTheTypedMethodsAndFillsInDefaults() {
        DataSet byName = SyntheticData.generate("sparse-teacher",
                Map.of("n", "10", "d", "30", "sparsity", " 3 ", "seed", "1")).dataSet();
        DataSet defaults = SyntheticData.generate("two-clusters", Map.of("n", "6", "d", "2")).dataSet();

        assertEquals(DataFiles.hash(SyntheticData.sparseTeacher(10, 30, 3, 0, 1).dataSet()), DataFiles.hash(byName));
        assertEquals("sparse-teacher(n=10, d=30, sparsity=3, margin=0.0, seed=1)", byName.source());
        assertEquals(DataFiles.hash(SyntheticData.twoClusters(6, 2, 4, 1, 1).dataSet()), DataFiles.hash(defaults));
        assertEquals(Set.of("sparse-teacher", "two-clusters"), SyntheticData.kinds());
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("blobs", Map.of("n", "3"), "unknown data kind 'blobs'; the known kinds are sparse-teacher, two-clusters"),
                Arguments.of("sparse-teacher", Map.of("n", "3", "d", "2", "spread", "1"),
                        "sparse-teacher has no setting 'spread'; its settings are n, d, sparsity (default 1), margin (default 0), seed (default 1)"),
                Arguments.of("two-clusters", Map.of("n", "3"),
                        "two-clusters needs the setting 'd'; its settings are n, d, separation (default 4), spread (default 1), seed (default 1)"),
                Arguments.of("sparse-teacher", Map.of("n", "ten", "d", "2"), "sparse-teacher setting 'n' must be a whole number, got 'ten'"),
                Arguments.of("sparse-teacher", Map.of("n", "3", "d", "5000000000"),
                        "sparse-teacher setting 'd' must be a whole number of at most 2147483647, got '5000000000'"),
                Arguments.of("two-clusters", Map.of("n", "3", "d", "2", "spread", "NaN"), "two-clusters setting 'spread' must be a finite number, got 'NaN'"),
                Arguments.of("sparse-teacher", Map.of("n", "3", "d", "2", "sparsity", "3"), "sparsity must be between 1 and d = 2, got 3"),
                Arguments.of("sparse-teacher", Map.of("n", "3", "d", "2", "margin", "-1"), "margin must be a finite number of at least 0, got -1.0"),
                Arguments.of("two-clusters", Map.of("n", "0", "d", "2"), "n must be at least 1, got 0"),
                Arguments.of("two-clusters", Map.of("n", "2", "d", "2", "separation", "0"), "separation must be a finite number above 0, got 0.0"),
                Arguments.of("two-clusters", Map.of("n", "2", "d", "2", "spread", "-0.5"), "spread must be a finite number of at least 0, got -0.5"),
                Arguments.of("two-clusters", Map.of("n", "100000", "d", "100000"), "n × d = 10000000000 features are too many for one data set"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void rejectsABadRequestSayingWhatIsKnown(String kind, Map<String, String> settings, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticData.generate(kind, settings));

        assertEquals(message, e.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
