package org.biasflow.model.diagonal.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

import org.biasflow.api.MirrorMap;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiagonalModelTest {
    private static final double[] S = {-0.07, -0.01, 0.0, 0.02, 0.05};
    private final DiagonalModel model = new DiagonalModel();

    private Network unbalanced(int depth) {
        ModelSpec spec = new ModelSpec(depth, 0.8, new double[] {1.0, 0.5, 2.0, 1.5, 0.7},
                new double[] {1.2, 0.9, 1.0, 0.6, 0.7}, 0L, Map.of());
        return model.create(spec, S.length);
    }

    private static MirrorMap mirror(Network network) {
        return network.capability(MirrorMap.class).orElseThrow();
    }

    @Test
    void rejectsInvalidSettingsNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.create(ModelSpec.of(2, 0.0), 3))
                .getMessage().contains("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> model.create(ModelSpec.of(2, Double.NaN), 3)).getMessage().contains("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> model.create(ModelSpec.of(2, Double.POSITIVE_INFINITY), 3)).getMessage().contains("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.create(ModelSpec.of(1, 1.0), 3))
                .getMessage().contains("depth"));
        ModelSpec badShape = ModelSpec.of(2, 1.0).withShape(new double[] {1.0, -1.0, 1.0}, null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.create(badShape, 3))
                .getMessage().contains("shape"));
        ModelSpec shortShape = ModelSpec.of(3, 1.0).withShape(new double[] {1.0, 1.0}, null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.create(shortShape, 3))
                .getMessage().contains("shape"));
        ModelSpec badNegative = ModelSpec.of(3, 1.0).withShape(new double[] {1.0}, new double[] {0.0});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.create(badNegative, 3))
                .getMessage().contains("negative shape"));
    }

    @Test
    void initialParametersFollowScaleAndShapes() {
        Network network = model.create(ModelSpec.of(2, 0.5).withShape(new double[] {2.0}, new double[] {1.0, 3.0}), 2);
        assertArrayEquals(new double[] {1.0, 1.0, 0.5, 1.5}, network.initialParameters());
        assertEquals(4, network.parameterCount());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void mirrorMapAgreesWithTheNetworkAtItsParameters(int depth) {
        Network network = unbalanced(depth);
        double[] w = new double[network.parameterCount()];
        mirror(network).parameters(S, w);
        double[] direct = new double[S.length];
        network.predictor(w, direct);
        double[] closed = new double[S.length];
        assertTrue(mirror(network).predictor(S, closed, null, null));
        for (int i = 0; i < S.length; i++) {
            assertEquals(direct[i], closed[i], 1e-13 * (1 + Math.abs(direct[i])));
        }
        double[] zero = new double[S.length];
        mirror(network).parameters(zero, w);
        assertArrayEquals(network.initialParameters(), w, 1e-15);
    }

    /** w(s) solves the flow: moving s by ds moves w by Jᵀ(w)·ds, the pullback of ds. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void parametersOfTheMirrorMapSolveTheGradientFlow(int depth) {
        Network network = unbalanced(depth);
        MirrorMap mirror = mirror(network);
        int d = S.length;
        double[] w = new double[2 * d];
        mirror.parameters(S, w);
        double h = 1e-6;
        for (int i = 0; i < d; i++) {
            double[] plus = S.clone();
            double[] minus = S.clone();
            plus[i] += h;
            minus[i] -= h;
            double[] wPlus = new double[2 * d];
            double[] wMinus = new double[2 * d];
            mirror.parameters(plus, wPlus);
            mirror.parameters(minus, wMinus);
            double[] unit = new double[d];
            unit[i] = 1.0;
            double[] pulled = new double[2 * d];
            network.pullback(w, unit, pulled);
            for (int j = 0; j < 2 * d; j++) {
                assertEquals(pulled[j], (wPlus[j] - wMinus[j]) / (2 * h), 1e-7 * (1 + Math.abs(pulled[j])));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void slopeAndCurvatureAreTheDerivativesOfThePredictor(int depth) {
        MirrorMap mirror = mirror(unbalanced(depth));
        int d = S.length;
        double[] beta = new double[d];
        double[] slope = new double[d];
        double[] curvature = new double[d];
        assertTrue(mirror.predictor(S, beta, slope, curvature));
        double[] betaDerivative = fourthOrderDerivative(mirror, 0);
        double[] slopeDerivative = fourthOrderDerivative(mirror, 1);
        for (int i = 0; i < d; i++) {
            assertEquals(slope[i], betaDerivative[i], 1e-8 * (1 + Math.abs(slope[i])));
            assertEquals(curvature[i], slopeDerivative[i], 1e-8 * (1 + Math.abs(curvature[i])));
        }
    }

    /** (−f(s+2h) + 8f(s+h) − 8f(s−h) + f(s−2h)) / 12h of β (output 0) or of the slope (output 1). */
    private static double[] fourthOrderDerivative(MirrorMap mirror, int output) {
        // small enough for the point nearest the blow-up of depth 5 (base 0.08, shifted by 15·2h)
        double h = 1e-5;
        double[] weights = {1.0, -8.0, 8.0, -1.0};
        double[] shifts = {-2 * h, -h, h, 2 * h};
        double[] derivative = new double[S.length];
        for (int j = 0; j < 4; j++) {
            double[] shifted = S.clone();
            for (int i = 0; i < S.length; i++) {
                shifted[i] += shifts[j];
            }
            double[] beta = new double[S.length];
            double[] slope = new double[S.length];
            mirror.predictor(shifted, beta, slope, null);
            double[] values = output == 0 ? beta : slope;
            for (int i = 0; i < S.length; i++) {
                derivative[i] += weights[j] * values[i] / (12 * h);
            }
        }
        return derivative;
    }

    @Test
    void largeScaleKeepsFullRelativeAccuracy() {
        double alpha = 1e3;
        double[] s = {1e-12, -3e-9, 2e-7};
        MirrorMap quadratic = mirror(model.create(ModelSpec.of(2, alpha), 3));
        MirrorMap cubic = mirror(model.create(ModelSpec.of(3, alpha), 3));
        double[] beta = new double[3];
        quadratic.predictor(s, beta, null, null);
        for (int i = 0; i < 3; i++) {
            assertEquals(2 * alpha * alpha * Math.sinh(4 * s[i]), beta[i], 1e-15 * Math.abs(beta[i]));
        }
        cubic.predictor(s, beta, null, null);
        MathContext context = new MathContext(60);
        BigDecimal base = BigDecimal.ONE.divide(BigDecimal.valueOf(alpha), context);
        for (int i = 0; i < 3; i++) {
            BigDecimal shift = new BigDecimal(s[i]).multiply(BigDecimal.valueOf(3));
            BigDecimal exact = BigDecimal.ONE.divide(base.subtract(shift).pow(3), context)
                    .subtract(BigDecimal.ONE.divide(base.add(shift).pow(3), context));
            assertEquals(exact.doubleValue(), beta[i], 1e-13 * Math.abs(exact.doubleValue()));
        }
    }

    @Test
    void deepPredictorLeavesItsDomainWhereTheFlowBlowsUp() {
        MirrorMap cubic = mirror(model.create(ModelSpec.of(3, 1.0), 2));
        double[] beta = new double[2];
        // a = 1, c = 3: s must stay inside (−1/3, 1/3)
        assertTrue(cubic.predictor(new double[] {0.33, -0.33}, beta, null, null));
        assertFalse(cubic.predictor(new double[] {0.34, 0.0}, beta, null, null));
        assertFalse(cubic.predictor(new double[] {0.0, -0.34}, beta, null, null));
    }

    /**
     * Depth 3 at α = 10⁻³: late in a flow β depends on s − a/c ≈ −10⁻³ while s ≈ 333, digits a double of s lacks;
     * given s as an unevaluated sum, β keeps full relative accuracy.
     */
    @Test
    void depthThreeUsesTheDigitsOfATwoPartS() {
        MirrorMap cubic = new DiagonalModel().create(ModelSpec.of(3, 1e-3), 1).capability(MirrorMap.class).orElseThrow();
        double high = 333.333;
        double low = 1.234567e-14;
        MathContext context = MathContext.DECIMAL128;
        BigDecimal s = new BigDecimal(high).add(new BigDecimal(low));
        BigDecimal base = new BigDecimal(Math.pow(1e-3, -1.0)).subtract(s.multiply(BigDecimal.valueOf(3)));
        BigDecimal otherBase = new BigDecimal(Math.pow(1e-3, -1.0)).add(s.multiply(BigDecimal.valueOf(3)));
        double expected = BigDecimal.ONE.divide(base.pow(3, context), context)
                .subtract(BigDecimal.ONE.divide(otherBase.pow(3, context), context)).doubleValue();
        double[] beta = new double[1];
        assertTrue(cubic.predictor(new double[] {high}, new double[] {low}, beta, null, null));
        assertEquals(expected, beta[0], 1e-13 * expected);
    }
}
